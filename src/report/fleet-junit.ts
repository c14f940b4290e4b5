// JUnit XML of a fleet run: a <testsuite> per target. A finding is a test case (failing at or
// above the run's threshold, as the command's own exit code says); a target that could not
// run is one <error> case; a target not started is a skipped case.
import type { FleetReport, FleetTargetReport } from './fleet-model.js';
import { xml } from './xml.js';

function suite(command: string, t: FleetTargetReport): { text: string; tests: number; failures: number; errors: number; skipped: number } {
  const cls = `schemaguard.${command.replace(/\s+/g, '.')}`;
  const time = (t.ms / 1000).toFixed(3);
  let cases: string[];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  if (t.status === 'skipped') {
    skipped = 1;
    cases = [`    <testcase classname="${xml(cls)}" name="${xml(t.name)}"><skipped message="${xml(t.error ?? 'not started')}"/></testcase>`];
  } else if (t.status === 'failed') {
    errors = 1;
    cases = [`    <testcase classname="${xml(cls)}" name="${xml(t.name)}" time="${time}"><error message="${xml(t.error ?? 'failed')}"/></testcase>`];
  } else if (t.findings.length > 0) {
    const failing = t.exitCode !== 0;
    cases = t.findings.map((f) => {
      const name = `${f.rule ?? 'finding'} ${f.object ?? ''}`.trim();
      if (!failing) return `    <testcase classname="${xml(cls)}" name="${xml(name)}"><system-out>${xml(`${f.severity}: ${f.message}`)}</system-out></testcase>`;
      failures += 1;
      return `    <testcase classname="${xml(cls)}" name="${xml(name)}"><failure type="${xml(f.rule ?? f.severity)}" message="${xml(`${f.severity}: ${f.message}`)}"/></testcase>`;
    });
  } else if (t.status === 'behind' || t.status === 'drifted') {
    failures = 1;
    cases = [`    <testcase classname="${xml(cls)}" name="${xml(t.name)}" time="${time}"><failure type="${t.status}" message="${xml(t.summary ?? t.status)}"/></testcase>`];
  } else {
    cases = [`    <testcase classname="${xml(cls)}" name="${xml(t.name)}" time="${time}"/>`];
  }
  const tests = cases.length;
  const text = [
    `  <testsuite name="${xml(t.name)}" hostname="${xml(t.where)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
  return { text, tests, failures, errors, skipped };
}

export function renderFleetJunit(report: FleetReport): string {
  const suites = report.targets.map((t) => suite(report.command, t));
  const sum = (k: 'tests' | 'failures' | 'errors') => suites.reduce((s, x) => s + x[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`schemaguard ${report.command}`)}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}">`,
    ...suites.map((s) => s.text),
    '</testsuites>',
    '',
  ].join('\n');
}
