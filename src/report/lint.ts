// Renderers for lint results: `table` for a terminal (compiler-style file:line:col so editors
// can jump to it), `json` (stable, versioned), `markdown` for a pull request, `junit` for CI.
import { Chalk } from 'chalk';
import type { LintResult } from '../lint/lint.js';
import type { Severity } from '../lint/rules.js';
import { cell, code } from './markdown.js';
import { DEFAULT_WIDTH, truncate, wrapHanging } from './fit.js';
import { xml } from './xml.js';
import { counts, renderLintJson } from './lint-json.js';

export type LintFormat = 'table' | 'json' | 'markdown' | 'junit';

export { LINT_JSON_VERSION } from './lint-json.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function lintSummary(result: LintResult): string {
  const c = counts(result.findings);
  const files = new Set(result.findings.map((f) => f.file)).size;
  const parts = [
    result.findings.length === 0
      ? `no findings in ${plural(result.files.length, 'file')} (${plural(result.statements, 'statement')})`
      : `${plural(result.findings.length, 'finding')} (${c.critical} critical, ${c.warning} warning, ${c.info} info) in ${files} of ${plural(result.files.length, 'file')}`,
  ];
  if (result.ignored.length > 0) parts.push(`${result.ignored.length} silenced with a reason`);
  if (!result.dataChecked) parts.push('SG005 not checked (no --db)');
  return parts.join('; ');
}

export function renderLint(result: LintResult, format: LintFormat, color = false, width = DEFAULT_WIDTH): string {
  switch (format) {
    case 'json':
      return renderLintJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'junit':
      return renderJunit(result);
    default:
      return renderTable(result, color, width);
  }
}

function renderTable(result: LintResult, color: boolean, width: number): string {
  const ch = new Chalk({ level: color ? 1 : 0 });
  const paint: Record<Severity, (s: string) => string> = { critical: ch.red.bold, warning: ch.yellow, info: ch.cyan };
  const lines: string[] = [];
  let file = '';
  for (const f of result.findings) {
    if (f.file !== file) {
      if (file) lines.push('');
      file = f.file;
    }
    // The location stays whole on the first line (editors jump to it); the message wraps at
    // word boundaries under a 4-space indent, the statement excerpt is cut with an ellipsis.
    // A location longer than the terminal is the one line allowed to overflow: cut, it would
    // no longer open the file.
    const location = `${f.file}:${f.line}:${f.column}`;
    const label = `${f.severity.padEnd(8)}  ${f.rule}`;
    const painted = `${paint[f.severity](f.severity.padEnd(8))}  ${ch.bold(f.rule)}`;
    const head = `${location}  ${label}`;
    const message =
      head.length + 21 <= width
        ? wrapHanging(`${head} `, f.message, width, '    ')
        : head.length <= width
          ? [head, ...wrapHanging('    ', f.message, width)]
          : [location, ...wrapHanging(`    ${label} `, f.message, width, '    ')];
    lines.push(...message.map((l, i) => (i < 2 ? l.replace(label, painted) : l)));
    if (f.statement) lines.push(ch.dim(`    ${truncate(f.statement.replace(/\s+/g, ' '), width - 4)}`));
    lines.push(...wrapHanging('    fix: ', f.fix, width, '         ', '  ').map((l) => ch.dim(l)));
  }
  if (lines.length > 0) lines.push('');
  lines.push(...wrapHanging('', lintSummary(result), width, ''));
  return `${lines.join('\n')}\n`;
}

function renderMarkdown(result: LintResult): string {
  const lines = ['## schemaguard lint', '', lintSummary(result), ''];
  if (result.findings.length > 0) {
    lines.push('| severity | rule | location | finding | fix |', '|---|---|---|---|---|');
    for (const f of result.findings) {
      lines.push(`| ${f.severity} | ${f.rule} ${f.name} | ${code(`${f.file}:${f.line}:${f.column}`)} | ${cell(f.message)} | ${cell(f.fix)} |`);
    }
    lines.push('');
  }
  if (result.ignored.length > 0) {
    lines.push('### Silenced', '', '| rule | location | reason |', '|---|---|---|');
    for (const f of result.ignored) lines.push(`| ${f.rule} | ${code(`${f.file}:${f.line}`)} | ${cell(f.reason)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function renderJunit(result: LintResult): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="schemaguard lint" tests="${result.files.length}" failures="${new Set(result.findings.map((f) => f.file)).size}">`,
    `  <testsuite name="schemaguard lint" tests="${result.files.length}" failures="${new Set(result.findings.map((f) => f.file)).size}">`,
  ];
  for (const file of result.files) {
    const own = result.findings.filter((f) => f.file === file);
    if (own.length === 0) {
      out.push(`    <testcase classname="lint" name="${xml(file)}"/>`);
      continue;
    }
    out.push(`    <testcase classname="lint" name="${xml(file)}">`);
    for (const f of own) {
      out.push(
        `      <failure type="${f.rule}" message="${xml(`${f.severity}: ${f.message}`)}">${xml(`${f.file}:${f.line}:${f.column} ${f.rule} ${f.name}\n${f.message}\nfix: ${f.fix}`)}</failure>`,
      );
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return `${out.join('\n')}\n`;
}
