// JUnit XML for CI: one test suite, one test case per table; a table fails when it has a finding
// at or above --fail-on (a <failure> per finding), lower findings become <system-out>.
import { SCHEMA_WIDE, severityRank, type Finding } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot carry
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function renderAuditJunit(input: AuditReportInput): string {
  const { result } = input;
  const threshold = input.failOn === 'never' ? Infinity : severityRank(input.failOn);
  const fails = (f: Finding) => !f.accepted && severityRank(f.severity) >= threshold;
  const cases = result.tables.map((t) => {
    const name = t.table === SCHEMA_WIDE ? 'types, views and functions' : t.table;
    const failing = t.findings.filter(fails);
    const rest = t.findings.filter((f) => !fails(f));
    const body = [
      ...failing.map((f) => `      <failure type="${xml(f.rule)}" message="${xml(`${f.severity}: ${f.message}`)}">${xml(`${f.id}\nfix: ${f.fix}`)}</failure>`),
      ...(rest.length > 0 ? [`      <system-out>${xml(rest.map((f) => `${f.accepted ? 'accepted' : f.severity}: ${f.message}`).join('\n'))}</system-out>`] : []),
    ];
    return body.length === 0
      ? `    <testcase classname="schemaguard.audit" name="${xml(name)}"/>`
      : `    <testcase classname="schemaguard.audit" name="${xml(name)}">\n${body.join('\n')}\n    </testcase>`;
  });
  const failures = result.tables.filter((t) => t.findings.some(fails)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="schemaguard audit" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${xml(`schema audit ${input.target}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
