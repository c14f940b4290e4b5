// GitLab Code Quality (CodeClimate issue subset): a JSON array GitLab shows in the merge
// request widget and diff. Every issue needs a path and a line: the adapters file objects with
// no declaration under the models entry (line 1); a diagnostic with no file at all is filed
// under `schemaguard`.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
import { createHash } from 'node:crypto';
import { shown, type DiagnosticLevel, type DiagnosticReport } from './diagnostic.js';

const SEVERITY: Record<DiagnosticLevel, 'critical' | 'major' | 'minor' | 'info'> = { error: 'critical', warning: 'major', note: 'info' };

export function renderCodeQuality(report: DiagnosticReport): string {
  const issues = shown(report).map((d) => {
    const f = d.location.file;
    const path = f?.file ?? 'schemaguard';
    const line = f?.line ?? 1;
    const object = d.location.logical ? ` (${d.location.logical.name})` : '';
    // GitLab tracks an issue across pipelines by its fingerprint: stable per object and rule.
    const identity = d.fingerprint ?? `${d.rule.id}:${d.location.logical?.name ?? ''}:${path}:${line}:${d.message}`;
    return {
      type: 'issue',
      check_name: `schemaguard-${report.tool}/${d.rule.id}`,
      description: `${d.message}${object}${d.fix ? ` — fix: ${d.fix}` : ''}`.replace(/[\r\n]+/g, ' '),
      content: { body: d.rule.help },
      categories: ['Bug Risk'],
      severity: SEVERITY[d.level],
      fingerprint: createHash('sha256').update(`schemaguard/${report.tool}/${identity}`).digest('hex').slice(0, 32),
      location: { path, lines: { begin: line, ...(f?.endLine !== undefined ? { end: f.endLine } : {}) } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
