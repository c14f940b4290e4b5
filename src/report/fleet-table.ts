// The terminal form of a fleet run: the summary line, one row per target, then a section per
// target that has something to say (findings, failure).
import Table from 'cli-table3';
import type { FleetReport } from './fleet-model.js';
import { needsSection, ownFindings, statusLabel, targetLine } from './fleet-text.js';

export function renderFleetTable(report: FleetReport, color = false): string {
  const table = new Table({
    head: ['target', 'status', 'exit', 'took', 'result'],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const t of report.targets) {
    table.push([`${t.name}${t.canary ? ' (canary)' : ''}`, statusLabel(report.command, t.status), String(t.exitCode), `${(t.ms / 1000).toFixed(1)}s`, clip(targetLine(t), 100)]);
  }
  const out = [`schemaguard ${report.command} over ${report.summary.text}`];
  if (report.stopped) out.push(`rollout stopped: ${report.stopped}`);
  out.push(table.toString());
  for (const t of report.targets.filter(needsSection)) {
    out.push('', `${t.name} (${t.where}${t.schema ? `, schema ${t.schema}` : ''}): ${statusLabel(report.command, t.status)}`);
    if (t.error) out.push(`  ${t.error}`);
    for (const f of ownFindings(t).slice(0, 20)) out.push(`  ${f.severity.padEnd(8)} ${f.rule ? `${f.rule} ` : ''}${f.object ? `${f.object}: ` : ''}${f.message}`);
    if (ownFindings(t).length > 20) out.push(`  … ${ownFindings(t).length - 20} more (--format json has them all)`);
  }
  return `${out.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
