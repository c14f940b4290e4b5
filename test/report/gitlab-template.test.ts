// The GitLab CI template (ci/gitlab/schemaguard.gitlab-ci.yml): its job's script run locally
// as GitLab runs it (one bash session, `set -eo pipefail`, the job's variables), producing Code
// Quality reports in GitLab's format, JUnit reports and the Markdown report; the job's exit
// code is the worst of the commands.
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml, type Yaml } from '../support/ci-yaml.js';
import { CLI } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { REPO_ROOT } from '../support/fixtures.js';

const Ajv = AjvModule.default;
const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

// GitLab's Code Quality report: the fields GitLab requires, and its severities.
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: { path: { type: 'string', minLength: 1 }, lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } } },
      },
    },
  },
};

type Job = { variables: Record<string, string>; script: string[]; artifacts: { reports: { codequality: string[]; junit: string[] } } };

function job(): Job {
  const doc = parseYaml(readFileSync(join(REPO_ROOT, 'ci/gitlab/schemaguard.gitlab-ci.yml'), 'utf8')) as Record<string, Yaml>;
  return doc['.schemaguard'] as unknown as Job;
}

function runScript(lines: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', lines.join('\n')], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, out });
    });
  });
}

describe('the GitLab CI template, run locally', () => {
  let dir: string;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('sg_gitlab');
    await db.sql.unsafe('CREATE TABLE settings (id integer PRIMARY KEY, key text NOT NULL)');
    dir = await mkdtemp(join(tmpdir(), 'sg-gitlab-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'models.ts'), `import { t, table } from ${JSON.stringify(MODEL_DSL)};\n\nexport const settings = table('settings', {\n  id: t.integer().primaryKey(),\n  key: t.text().notNull(),\n  value: t.jsonb(),\n});\n`);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    await writeFile(join(dir, 'migrations', '000001_settings.up.sql'), 'CREATE TABLE settings (id integer PRIMARY KEY, key text NOT NULL);\nCREATE INDEX settings_key ON settings (key);\n');
    await writeFile(join(dir, 'migrations', '000001_settings.down.sql'), 'DROP TABLE settings;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.dispose();
  });

  it('writes Code Quality, JUnit and Markdown reports and exits with the worst code', async () => {
    const j = job();
    expect(j.artifacts.reports.codequality).toEqual(['schemaguard-reports/check-codequality.json', 'schemaguard-reports/audit-codequality.json']);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      CI: 'true',
      GITLAB_CI: 'true',
      CI_PROJECT_DIR: dir,
      SCHEMAGUARD_SCRATCH_URL: adminUrl(),
      ...j.variables,
      SCHEMAGUARD: `${process.execPath} ${CLI}`,
      SCHEMAGUARD_DATABASE_URL: db.url,
    };
    const r = await runScript(j.script, dir, env);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('schemaguard - worst exit code 1');

    const validate = new Ajv({ allErrors: true }).compile(CODE_QUALITY_SCHEMA);
    const check = JSON.parse(await readFile(join(dir, 'schemaguard-reports/check-codequality.json'), 'utf8')) as { check_name: string; severity: string; location: { path: string; lines: { begin: number } }; fingerprint: string }[];
    const audit = JSON.parse(await readFile(join(dir, 'schemaguard-reports/audit-codequality.json'), 'utf8')) as typeof check;
    for (const report of [check, audit]) expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(check.map((i) => [i.check_name, i.severity, `${i.location.path}:${i.location.lines.begin}`])).toEqual([
      ['schemaguard-check/migration-missing', 'critical', 'models.ts:6'],
      // the index no model declares, on the migration line that creates it
      ['schemaguard-check/migration-undeclared', 'critical', 'migrations/000001_settings.up.sql:2'],
    ]);
    expect(audit.map((i) => [i.check_name, i.severity, `${i.location.path}:${i.location.lines.begin}`])).toEqual([['schemaguard-audit/missing-column', 'critical', 'models.ts:6']]);
    // fingerprints are stable across runs and distinct across tools
    expect(check[0]!.fingerprint).not.toBe(audit[0]!.fingerprint);

    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(join(dir, 'schemaguard-reports/audit-junit.xml'), 'utf8'), true) as { testsuites: { tests: string; failures: string } };
    expect([junit.testsuites.tests, junit.testsuites.failures]).toEqual(['1', '1']);
    expect(await readFile(join(dir, 'schemaguard-reports/lint-junit.xml'), 'utf8')).toMatch(/^<\?xml/);
    expect(await readFile(join(dir, 'schemaguard-reports/audit.md'), 'utf8')).toContain('## Schema audit');
    expect(await readFile(join(dir, 'schemaguard-reports/check.md'), 'utf8')).toContain('## Schema check');

    // Run again: the same fingerprints (GitLab compares them between pipelines).
    const again = await runScript(j.script, dir, env);
    expect(again.code).toBe(1);
    expect(JSON.parse(await readFile(join(dir, 'schemaguard-reports/check-codequality.json'), 'utf8'))).toEqual(check);
  }, 300_000);
});
