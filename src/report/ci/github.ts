// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request
// (on the file and line when known) and in the run's summary.
//   ::warning file=migrations/x.up.sql,line=3,col=1,title=SG001 index-without-concurrently::…
// Escaping follows the runner's own (actions/toolkit command.ts): data escapes % CR LF;
// property values also escape : and , which would otherwise end the value.
import { shown, type Diagnostic, type DiagnosticReport } from './diagnostic.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

function annotation(d: Diagnostic, tool: string): string {
  const props: string[] = [];
  const f = d.location.file;
  if (f) {
    props.push(`file=${escapeProperty(f.file)}`, `line=${f.line}`);
    if (f.column !== undefined) props.push(`col=${f.column}`);
    if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
    if (f.endColumn !== undefined && (f.endLine === undefined || f.endLine === f.line)) props.push(`endColumn=${f.endColumn}`);
  }
  const title = `schemaguard ${tool} ${d.rule.id}${d.rule.name ? ` ${d.rule.name}` : ''}${d.location.logical ? `: ${d.location.logical.name}` : ''}`;
  props.push(`title=${escapeProperty(title)}`);
  const body = d.fix ? `${d.message}\nfix: ${d.fix}` : d.message;
  return `::${COMMAND[d.level]} ${props.join(',')}::${escapeData(body)}`;
}

export function renderGithub(report: DiagnosticReport): string {
  const lines = shown(report).map((d) => annotation(d, report.tool));
  // A plain line: shown in the log, not an annotation.
  lines.push(`schemaguard ${report.tool}: ${report.summary.replace(/[\r\n]+/g, ' ')}`);
  return `${lines.join('\n')}\n`;
}
