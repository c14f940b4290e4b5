// `schemaguard check` reports: text for a log, a versioned JSON document (docs/json-output.md),
// and the CI formats through the shared diagnostics renderer.
import type { CheckProblem, CheckSubject } from '../check/check.js';
import { checkDiagnostics, renderDiagnostics, type CiFormat, type Locations } from './ci/index.js';
import { cell, code } from './markdown.js';

export const CHECK_JSON_VERSION = 1;

export interface CheckReportInput {
  readonly problems: readonly CheckProblem[];
  /** Migration files applied to the throwaway database. */
  readonly migrations: number;
  /** Whether a live database was compared too (--db). */
  readonly database: boolean;
  readonly locations?: Locations;
}

export function checkSummary(input: CheckReportInput): string {
  const n = input.problems.length;
  if (n === 0) return `check passed: ${input.migrations} migration${input.migrations === 1 ? '' : 's'} build exactly what the models declare${input.database ? '; the database matches them and has applied every migration' : ''}`;
  return `check failed: ${n} difference${n === 1 ? '' : 's'}`;
}

export function renderCheckJson(input: CheckReportInput): string {
  const doc = {
    schemaguard: 'check',
    version: CHECK_JSON_VERSION,
    ok: input.problems.length === 0,
    migrations: input.migrations,
    database: input.database,
    summary: checkSummary(input),
    problems: input.problems.map((p) => ({ subject: p.subject, kind: p.kind, object: p.object, message: p.message })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderCheckText(input: CheckReportInput): string {
  if (input.problems.length === 0) return `${checkSummary(input)}\n`;
  const lines = [checkSummary(input)];
  const heading: Record<CheckSubject, string> = { migrations: 'migrations vs models', database: 'live database vs models', history: 'migration history' };
  for (const subject of ['migrations', 'database', 'history'] as const) {
    const own = input.problems.filter((p) => p.subject === subject);
    if (own.length === 0) continue;
    lines.push('', `${heading[subject]}:`, ...own.map((p) => `  - ${p.message}`));
  }
  if (input.problems.some((p) => p.subject === 'migrations')) lines.push('', 'to write the missing migration: schemaguard migrate generate NAME');
  return `${lines.join('\n')}\n`;
}

/** For a pull-request comment: the verdict, the differences by subject, what to run. */
export function renderCheckMarkdown(input: CheckReportInput): string {
  const n = input.problems.length;
  const lines = [`## Schema check`, '', n === 0 ? `✅ **Passes**: ${cell(checkSummary(input))}.` : `❌ **Fails**: ${cell(checkSummary(input))}.`];
  const heading: Record<CheckSubject, string> = { migrations: 'Migrations vs models', database: 'Live database vs models', history: 'Migration history' };
  for (const subject of ['migrations', 'database', 'history'] as const) {
    const own = input.problems.filter((p) => p.subject === subject);
    if (own.length === 0) continue;
    const list = own.slice(0, CHECK_LIST).map((p) => `- ${cell(p.message)}`);
    if (own.length > CHECK_LIST) list.push(`- … and ${own.length - CHECK_LIST} more (${code('schemaguard check')} lists them all)`);
    lines.push('', `### ${heading[subject]}`, '', ...list);
  }
  if (n > 0) {
    lines.push('', '### Next steps', '');
    if (input.problems.some((p) => p.subject === 'migrations')) lines.push(`- Write the migration the models need: ${code('schemaguard migrate generate NAME')}, review it, commit it.`);
    if (input.problems.some((p) => p.subject !== 'migrations')) lines.push(`- Bring the database up to date: ${code('schemaguard migrate up')}; ${code('schemaguard audit')} explains each remaining difference.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Problems listed per subject in Markdown (a comment has a size limit). */
const CHECK_LIST = 100;

export { CHECK_FORMATS, type CheckFormat } from './formats.js';
import type { CheckFormat } from './formats.js';

export function renderCheck(format: CheckFormat, input: CheckReportInput): string {
  if (format === 'json') return renderCheckJson(input);
  if (format === 'text') return renderCheckText(input);
  if (format === 'markdown') return renderCheckMarkdown(input);
  return renderDiagnostics(format as CiFormat, checkDiagnostics(input.problems, checkSummary(input), input.locations));
}
