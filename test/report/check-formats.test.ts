// `schemaguard check` in the CI formats: SARIF (validated) with each problem on the model
// declaration or the migration that created the object, gcc lines, GitHub annotations by
// default inside GitHub Actions, and the versioned JSON document.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { adminUrl } from '../support/db.js';
import { sarifValidator } from '../support/sarif.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};

export const settings = table('settings', {
  id: t.uuid().primaryKey().defaultSql('gen_random_uuid()'),
  key: t.text().notNull(),
  value: t.jsonb(),
});
`;

describe('check --format sarif | gcc | github | json', () => {
  let dir: string;
  const env = (extra: Record<string, string> = {}) => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined, ...extra });
  const check = (args: string[], extra: Record<string, string> = {}) => runCli(['check', ...args], { cwd: dir, env: env(extra), timeoutMs: 120_000 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sg-check-formats-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    // `value` has no migration; `event_store` has no model.
    await writeFile(join(dir, 'migrations', '000001_settings.up.sql'), 'CREATE TABLE settings (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), key text NOT NULL);\n');
    await writeFile(join(dir, 'migrations', '000001_settings.down.sql'), 'DROP TABLE settings;\n');
    await writeFile(join(dir, 'migrations', '000002_events.up.sql'), '-- the event log\n\nCREATE TABLE event_store (id bigserial PRIMARY KEY);\n');
    await writeFile(join(dir, 'migrations', '000002_events.down.sql'), 'DROP TABLE event_store;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sarif: valid, one rule per kind of difference, results on the declaration or the creating migration', async () => {
    const r = await check(['--format', 'sarif']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { runs: { automationDetails: { id: string }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarifValidator()(doc)).toEqual([]);
    const run = doc.runs[0]!;
    expect(run.automationDetails.id).toBe('schemaguard/check/');
    const where = Object.fromEntries(run.results.map((x) => [x.ruleId, `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`]));
    expect(where).toEqual({ 'migration-missing': 'models.ts:6', 'migration-undeclared': 'migrations/000002_events.up.sql:3' });
    expect(run.results.every((x) => x.level === 'error')).toBe(true);
  });

  it('gcc lines; github annotations by default in GitHub Actions; versioned JSON', async () => {
    const gcc = await check(['--format', 'gcc']);
    expect(gcc.code).toBe(1);
    expect(gcc.stdout).toContain('models.ts:6:3: error: model declares column public.settings.value but no migration creates it [migration-missing]\nmodels.ts:6:3: note: fix: schemaguard migrate generate NAME\n');
    expect(gcc.stdout.trimEnd().split('\n').at(-1)).toBe('schemaguard check: check failed: 2 differences');

    const gh = await check([], { GITHUB_ACTIONS: 'true' });
    expect(gh.code).toBe(1);
    expect(gh.stdout).toContain('::error file=migrations/000002_events.up.sql,line=3,col=1,title=schemaguard check migration-undeclared%3A public.event_store::a migration creates table public.event_store that no model declares%0Afix: declare it in the models, or drop it: schemaguard migrate generate NAME\n');

    const json = JSON.parse((await check(['--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ schemaguard: 'check', version: 1, ok: false, migrations: 2, database: false, summary: 'check failed: 2 differences' });
  });

  it('an unknown format or a bad --report is a usage error, exit 2, one line', async () => {
    const r = await check(['--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const [spec, says] of [['sarif', '--report takes FORMAT=FILE'], ['xml=a.xml', 'unknown format "xml"'], ['=a', '--report takes FORMAT=FILE']] as const) {
      const bad = await check(['--report', spec]);
      expect([bad.code, bad.stdout], spec).toEqual([2, '']);
      expect(bad.stderr).toContain(says);
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const unwritable = await check(['--report', `markdown=${join(dir, 'no', 'such', 'dir', 'c.md')}`]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^schemaguard: cannot write .*c\.md: ENOENT\n$/);
  });

  it('--report writes more formats from the same run', async () => {
    const r = await check(['--format', 'json', '--report', 'markdown=check.md', '--report', 'sarif=check.sarif']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaguard: 'check', ok: false });
    expect(await readFile(join(dir, 'check.md'), 'utf8')).toContain('## Schema check');
    expect(sarifValidator()(JSON.parse(await readFile(join(dir, 'check.sarif'), 'utf8')))).toEqual([]);
  });
});
