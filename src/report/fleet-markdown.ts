// Markdown of a fleet run, for a pull request or a rollout ticket. Every cell and line that
// carries names from the database goes through `cell` (pipes, newlines and HTML made inert).
import type { FleetReport } from './fleet-model.js';
import { needsSection, ownFindings, statusLabel, targetLine } from './fleet-text.js';

function cell(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/([\\`*_[\]#])/g, (m) => (m === '\\' ? '\\\\' : `\\${m}`));
}

export function renderFleetMarkdown(report: FleetReport): string {
  const out = [`## schemaguard ${cell(report.command)}: ${report.summary.targets} targets`, '', cell(report.summary.text), ''];
  if (report.stopped) out.push(`**Rollout stopped:** ${cell(report.stopped)}`, '');
  out.push('| target | status | exit | took | result |', '|---|---|---|---|---|');
  for (const t of report.targets) {
    out.push(`| ${cell(t.name)}${t.canary ? ' (canary)' : ''} | ${statusLabel(report.command, t.status)} | ${t.exitCode} | ${(t.ms / 1000).toFixed(1)}s | ${cell(targetLine(t))} |`);
  }
  for (const t of report.targets.filter(needsSection)) {
    out.push('', `### ${cell(t.name)}`, '', `${cell(t.where)}${t.schema ? `, schema ${cell(t.schema)}` : ''}: **${statusLabel(report.command, t.status)}**`, '');
    if (t.error) out.push(`- ${cell(t.error)}`);
    for (const f of ownFindings(t)) out.push(`- **${f.severity}** ${f.rule ? `${cell(f.rule)} ` : ''}${f.object ? `${cell(f.object)}: ` : ''}${cell(f.message)}`);
  }
  return `${out.join('\n')}\n`;
}
