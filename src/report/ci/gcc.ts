// gcc-style lines, the format editors, Vim's errorformat and most CI log parsers understand:
//   migrations/000002_x.up.sql:3:1: warning: CREATE INDEX without CONCURRENTLY [SG001]
// followed by a `note:` line carrying the fix. Objects with no file position are reported under
// the program's name, as gcc does for errors that belong to no file.
import { shown, type Diagnostic, type DiagnosticReport } from './diagnostic.js';

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function prefix(d: Diagnostic): string {
  const f = d.location.file;
  if (!f) return 'schemaguard';
  return `${f.file}:${f.line}:${f.column ?? 1}`;
}

export function renderGcc(report: DiagnosticReport): string {
  const lines: string[] = [];
  for (const d of shown(report)) {
    const where = prefix(d);
    // Without a file the line must still say which object it is about.
    const object = d.location.file ? '' : ` (${d.location.logical.name})`;
    lines.push(`${where}: ${d.level}: ${oneLine(d.message)}${object} [${d.rule.id}]`);
    if (d.fix) lines.push(`${where}: note: fix: ${oneLine(d.fix)}`);
  }
  lines.push(`schemaguard ${report.tool}: ${oneLine(report.summary)}`);
  return `${lines.join('\n')}\n`;
}
