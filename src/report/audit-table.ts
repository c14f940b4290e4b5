// The terminal report: findings grouped by table, worst first, readable in ten seconds.
// Colour (severity only) when the caller says the terminal takes it.
import { Chalk } from 'chalk';
import { SCHEMA_WIDE, summaryLine, type Finding, type Severity, type TableReport } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';
import { DEFAULT_WIDTH, truncate, wrapHanging, wrapWords } from './fit.js';

export function renderAuditTable(input: AuditReportInput): string {
  const chalk = new Chalk({ level: input.color ? 1 : 0 });
  const paint = (s: Severity | 'ok', text: string) =>
    s === 'critical' ? chalk.red.bold(text) : s === 'warning' ? chalk.yellow(text) : s === 'info' ? chalk.cyan(text) : chalk.green(text);
  const { result } = input;
  const width = input.width ?? DEFAULT_WIDTH;
  const lines: string[] = [];
  lines.push(...wrapHanging('schemaguard audit: ', input.target, width, '  '));
  const overall = result.totals.critical > 0 ? 'critical' : result.totals.warning > 0 ? 'warning' : result.totals.findings > 0 ? 'info' : 'ok';
  lines.push(...wrapHanging('', summaryLine(result), width, '  ').map((l) => paint(overall, l)));
  const withFindings = result.tables.filter((t) => t.findings.length > 0);
  const clean = result.tables.filter((t) => t.findings.length === 0);
  for (const t of withFindings) {
    lines.push('');
    // The table's heading keeps its status in view: a name too long for the line ends in "…".
    const suffix = `  ${t.status.toUpperCase()}${t.origin !== 'declared' ? `  (${t.origin})` : ''}`;
    const name = truncate(t.table === SCHEMA_WIDE ? 'types, views, functions' : t.table, Math.max(10, width - suffix.length));
    lines.push(`${chalk.bold(name)}${suffix.replace(t.status.toUpperCase(), paint(t.status, t.status.toUpperCase()))}`);
    for (const f of t.findings) lines.push(...renderFinding(f, paint, width));
  }
  if (clean.length > 0) {
    lines.push('');
    const [first = '', ...rest] = wrapWords(clean.map((t: TableReport) => t.table).join(', '), width - 4);
    lines.push(`${paint('ok', 'OK')}  ${first}`, ...rest.map((l) => `    ${l}`));
  }
  lines.push('');
  lines.push(...wrapHanging('', input.failed ? `drift at or above --fail-on ${input.failOn}: exit 1` : `nothing at or above --fail-on ${input.failOn}`, width, '  '));
  return `${lines.join('\n')}\n`;
}

// Message and fix wrap at word boundaries under their own indent, so a narrow terminal never
// splits a name in two.
function renderFinding(f: Finding, paint: (s: Severity, text: string) => string, width: number): string[] {
  const label = f.accepted ? 'accepted' : f.severity;
  const [head = '', ...more] = wrapHanging('  ........  ', f.message, width);
  const out = [head.replace('  ........  ', `  ${f.accepted ? label.padEnd(8) : paint(f.severity, label.padEnd(8))}  `), ...more];
  out.push(...wrapHanging('            fix: ', f.fix, width, '                 ', '    '));
  if (f.accepted) out.push(...wrapHanging('            ', `accepted until ${f.accepted.expires} by ${f.accepted.owner}: ${f.accepted.reason}`, width));
  return out;
}
