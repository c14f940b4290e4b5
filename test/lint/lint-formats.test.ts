// `schemaguard lint` CI formats through the built CLI: gcc, SARIF 2.1.0 (validated against the
// schema), GitHub annotations (picked by GITHUB_ACTIONS=true), and a directory with an empty
// file and a syntax error among valid ones: every machine format stays valid, exit 2.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { sarifValidator } from '../support/sarif.js';
import { project, type Project } from './helpers.js';

const NO_CI = { GITHUB_ACTIONS: undefined };

describe('schemaguard lint CI formats', () => {
  let p: Project;
  beforeAll(async () => {
    p = await project({
      '000001_base': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);',
      '000002_index': "-- é\nCREATE INDEX users_email\n  ON users (email);",
    });
  });
  afterAll(async () => {
    await p?.remove();
  });

  it('gcc: file:line:col: severity: message [rule], a note with the fix, a summary', async () => {
    const r = await runCli(['lint', '--format', 'gcc'], { cwd: p.dir, env: NO_CI });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('migrations/000002_index.up.sql:2:1: warning: CREATE INDEX users_email on existing table users without CONCURRENTLY blocks writes to it until the index is built [SG001]');
    expect(lines[1]).toBe('migrations/000002_index.up.sql:2:1: note: fix: use CREATE INDEX CONCURRENTLY, in a migration that runs outside a transaction');
    expect(lines.at(-1)).toMatch(/^schemaguard lint: 1 finding/);
  });

  it('codequality (GitLab): one issue per finding, located at the statement, severity mapped', async () => {
    const r = await runCli(['lint', '--format', 'codequality'], { cwd: p.dir, env: NO_CI });
    expect(r.code).toBe(1);
    const issues = JSON.parse(r.stdout) as { check_name: string; severity: string; location: { path: string; lines: { begin: number } }; fingerprint: string }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ check_name: 'schemaguard-lint/SG001', location: { path: 'migrations/000002_index.up.sql', lines: { begin: 2 } } });
    expect(['minor', 'major', 'critical', 'info', 'blocker']).toContain(issues[0]!.severity);
    expect(issues[0]!.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
  });

  it('SARIF 2.1.0: valid against the schema, every rule with help, results with regions', async () => {
    const r = await runCli(['lint', '--format', 'sarif'], { cwd: p.dir, env: NO_CI });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(sarifValidator()(doc)).toEqual([]);
    const run = doc.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThanOrEqual(30);
    const sg011 = run.tool.driver.rules.find((x: { id: string }) => x.id === 'SG011');
    expect(sg011.help.text).toContain('one transaction');
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: 'SG001',
      level: 'warning',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'migrations/000002_index.up.sql' }, region: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 19 } } }],
    });
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe('SG001');
  });

  it('GitHub annotations by default when GITHUB_ACTIONS=true, table otherwise; --format wins', async () => {
    const gh = await runCli(['lint'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(gh.code).toBe(1);
    expect(gh.stdout.split('\n')[0]).toBe(
      '::warning file=migrations/000002_index.up.sql,line=2,col=1,endLine=3,title=schemaguard lint SG001 index-without-concurrently%3A migrations/000002_index.up.sql::CREATE INDEX users_email on existing table users without CONCURRENTLY blocks writes to it until the index is built%0Afix: use CREATE INDEX CONCURRENTLY, in a migration that runs outside a transaction',
    );
    const table = await runCli(['lint'], { cwd: p.dir, env: NO_CI });
    expect(table.stdout).toMatch(/^migrations\/000002_index\.up\.sql:2:1 {2}warning/);
    const json = await runCli(['lint', '--format', 'json'], { cwd: p.dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(JSON.parse(json.stdout).findings[0]).toMatchObject({ rule: 'SG001', line: 2, column: 1, endLine: 3, endColumn: 19 });
  });

  it('an empty file and a syntax error among valid files: exit 2, every other file linted, json/junit/sarif valid', async () => {
    const bad = await project({
      '000001_base': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);',
      '000002_empty.up.sql': '',
      '000002_empty.down.sql': '-- nothing\n',
      '000003_broken': 'CREATE TABLE t (\n  id int,\n  name text text\n);',
      '000004_index': 'CREATE INDEX users_email ON users (email);',
    });
    try {
      const json = await runCli(['lint', '--format', 'json'], { cwd: bad.dir, env: NO_CI });
      expect(json.code).toBe(2);
      expect(json.stderr).toBe('schemaguard: migrations/000003_broken.up.sql:3:13: syntax error at or near "text"\n');
      const doc = JSON.parse(json.stdout) as { files: string[]; findings: { rule: string; file: string; line: number; column: number; severity: string }[] };
      expect(doc.files).toHaveLength(8);
      expect(doc.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}@${f.file}:${f.line}:${f.column}`)).toEqual([
        'SG000@migrations/000003_broken.up.sql:3:13',
        'SG001@migrations/000004_index.up.sql:1:1',
      ]);
      const junit = await runCli(['lint', '--format', 'junit'], { cwd: bad.dir, env: NO_CI });
      expect(junit.code).toBe(2);
      const xml = new XMLParser({ ignoreAttributes: false }).parse(junit.stdout);
      expect(xml.testsuites.testsuite.testcase.length).toBe(8);
      expect(junit.stdout).toContain('<failure type="SG000" message="critical: syntax error at or near &quot;text&quot;"');
      const sarif = await runCli(['lint', '--format', 'sarif'], { cwd: bad.dir, env: NO_CI });
      expect(sarifValidator()(JSON.parse(sarif.stdout))).toEqual([]);
      expect(JSON.parse(sarif.stdout).runs[0].results[0]).toMatchObject({ ruleId: 'SG000', level: 'error' });
    } finally {
      await bad.remove();
    }
  });

  it("honours the config's migrations directory; --migrations overrides it", async () => {
    const dir = await project({});
    try {
      await mkdir(join(dir.dir, 'db'));
      await writeFile(join(dir.dir, 'db', '000001_a.up.sql'), 'CREATE TABLE a (id bigint PRIMARY KEY);\n');
      await writeFile(join(dir.dir, 'db', '000001_a.down.sql'), 'DROP TABLE a;\n');
      await writeFile(join(dir.dir, 'schemaguard.config.json'), JSON.stringify({ migrations: './db' }));
      const r = await runCli(['lint', '--format', 'json'], { cwd: dir.dir, env: NO_CI });
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(JSON.parse(r.stdout).files).toEqual(['db/000001_a.up.sql', 'db/000001_a.down.sql']);
      const other = await runCli(['lint', '--migrations', 'migrations'], { cwd: dir.dir, env: NO_CI });
      expect([other.code, other.stderr]).toEqual([2, 'schemaguard: no .sql files in migrations directory migrations\n']);
    } finally {
      await dir.remove();
    }
  });

  it('config lint.assumeNoTransaction and --assume-no-transaction: NOT VALID + VALIDATE in one file passes', async () => {
    const dir = await project({ '000001_a': 'CREATE TABLE t (a int);', '000002_b': 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;' });
    try {
      const rules = async (args: string[]) => JSON.parse((await runCli(['lint', '--format', 'json', ...args], { cwd: dir.dir, env: NO_CI })).stdout).findings.map((f: { rule: string }) => f.rule);
      expect(await rules([])).toEqual(['SG011']);
      expect(await rules(['--assume-no-transaction'])).toEqual([]);
      await writeFile(join(dir.dir, 'schemaguard.config.json'), JSON.stringify({ lint: { assumeNoTransaction: true } }));
      expect(await rules([])).toEqual([]);
      await writeFile(join(dir.dir, 'schemaguard.config.json'), JSON.stringify({ lint: { assumeNoTransactions: true } }));
      const bad = await runCli(['lint'], { cwd: dir.dir, env: NO_CI });
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await dir.remove();
    }
  });
});
