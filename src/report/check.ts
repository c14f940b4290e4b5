// `schemaguard check` reports: text for a log, a versioned JSON document (docs/json-output.md),
// and the CI formats through the shared diagnostics renderer.
import type { CheckProblem, CheckSubject } from '../check/check.js';
import { checkDiagnostics, renderDiagnostics, type CiFormat, type Locations } from './ci/index.js';

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

export const CHECK_FORMATS = ['text', 'json', 'sarif', 'gcc', 'github'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export function renderCheck(format: CheckFormat, input: CheckReportInput): string {
  if (format === 'json') return renderCheckJson(input);
  if (format === 'text') return renderCheckText(input);
  return renderDiagnostics(format as CiFormat, checkDiagnostics(input.problems, checkSummary(input), input.locations));
}
