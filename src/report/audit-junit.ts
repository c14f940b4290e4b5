// JUnit XML for CI: a test suite per table, a test case per finding (Jenkins, GitLab and the
// GitHub JUnit actions show every failing case, where they show only the first <failure> of a
// case). A finding at or above --fail-on is a <failure>; one below it passes with the message
// in <system-out>; accepted drift is <skipped> with its reason. A declared table with no
// finding is one passing case, so a clean run still lists what was checked. Every count
// attribute is the count of the elements it describes.
import { SCHEMA_WIDE, severityRank, type Finding, type TableReport } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';
import { attr, xml } from './xml.js';

type Outcome = 'failure' | 'passed' | 'skipped';

interface Case {
  readonly name: string;
  readonly outcome: Outcome;
  readonly body: string;
}

function suiteName(t: TableReport): string {
  return t.table === SCHEMA_WIDE ? 'types, views and functions' : t.table;
}

function findingCase(f: Finding, fails: boolean): Case {
  const name = `${f.rule}: ${f.object}`;
  const detail = [`${f.severity}: ${f.message}`, `fix: ${f.fix}`, `id: ${f.id}`, ...(f.confidence !== undefined ? [`confidence: ${Math.round(f.confidence * 100)}%`] : [])].join('\n');
  if (f.accepted) return { name, outcome: 'skipped', body: `<skipped message="${attr(`accepted until ${f.accepted.expires} by ${f.accepted.owner}: ${f.accepted.reason}`)}"/>` };
  if (fails) return { name, outcome: 'failure', body: `<failure type="${attr(f.rule)}" message="${attr(`${f.severity}: ${f.message}`)}">${xml(detail)}</failure>` };
  return { name, outcome: 'passed', body: `<system-out>${xml(detail)}</system-out>` };
}

export function renderAuditJunit(input: AuditReportInput): string {
  const { result } = input;
  const threshold = input.failOn === 'never' ? Infinity : severityRank(input.failOn);
  const fails = (f: Finding) => !f.accepted && severityRank(f.severity) >= threshold;
  const total = { tests: 0, failures: 0, skipped: 0 };
  const suites = result.tables.map((t) => {
    const cases: Case[] = t.findings.length === 0 ? [{ name: 'matches the models', outcome: 'passed', body: '' }] : t.findings.map((f) => findingCase(f, fails(f)));
    const failures = cases.filter((c) => c.outcome === 'failure').length;
    const skipped = cases.filter((c) => c.outcome === 'skipped').length;
    total.tests += cases.length;
    total.failures += failures;
    total.skipped += skipped;
    const classname = attr(`schemaguard.audit.${suiteName(t)}`);
    const lines = cases.map((c) =>
      c.body === ''
        ? `    <testcase classname="${classname}" name="${attr(c.name)}" time="0"/>`
        : `    <testcase classname="${classname}" name="${attr(c.name)}" time="0">\n      ${c.body}\n    </testcase>`,
    );
    return [
      `  <testsuite name="${attr(suiteName(t))}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
      ...lines,
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`schemaguard audit ${input.target}`)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
