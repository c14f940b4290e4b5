// lint's `json` report, apart from the terminal renderers (chalk, markdown, XML) so that a CI
// run asking for JSON loads none of them (start-up time). Stable and versioned.
import type { LintFinding, LintResult } from '../lint/lint.js';
import type { Severity } from '../lint/rules.js';

export const LINT_JSON_VERSION = 1;

export function counts(findings: readonly LintFinding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity] += 1;
  return c;
}

export function renderLintJson(result: LintResult): string {
  const c = counts(result.findings);
  return `${JSON.stringify(
    {
      version: LINT_JSON_VERSION,
      tool: 'schemaguard lint',
      summary: {
        files: result.files.length,
        statements: result.statements,
        findings: result.findings.length,
        ...c,
        ignored: result.ignored.length,
        dataChecked: result.dataChecked,
      },
      files: result.files,
      findings: result.findings,
      ignored: result.ignored,
    },
    null,
    2,
  )}\n`;
}
