// Output a pipeline acts on: `diff --exit-code`, `--format json` of migrate up, down, status
// and generate (each a versioned document alone on stdout), and FORCE_COLOR.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/color.js';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));
const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const settings = table('settings', { id: t.integer().primaryKey(), key: t.text() }); // nullable: one generated file (a NOT NULL column is staged over four)
`;

describe('machine output', () => {
  let dir: string;
  let db: TestDatabase;
  const env = (extra: Record<string, string | undefined> = {}) => ({ SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined, ...extra });
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(args, { cwd: dir, env: env(extra), timeoutMs: 120_000 });
  const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase('sg_machine_output');
    dir = await mkdtemp(join(tmpdir(), 'sg-machine-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    await writeFile(join(dir, 'migrations', '000001_settings.up.sql'), 'CREATE TABLE settings (id integer PRIMARY KEY);\n');
    await writeFile(join(dir, 'migrations', '000001_settings.down.sql'), 'DROP TABLE settings;\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await db?.dispose();
  });

  it('diff --exit-code: 1 when the sources differ, 0 when equal; without it 0 either way', async () => {
    const differ = await cli(['diff', '--from', 'migrations', '--to', 'models', '--exit-code']);
    expect(differ.code, differ.stderr).toBe(1);
    expect(differ.stdout).toContain('settings');
    const sql = await cli(['diff', '--from', 'migrations', '--to', 'models', '--exit-code', '--format', 'sql']);
    expect(sql.code).toBe(1);
    expect(sql.stdout).toContain('ADD COLUMN "key"');
    expect((await cli(['diff', '--from', 'migrations', '--to', 'models'])).code).toBe(0);
    const same = await cli(['diff', '--from', 'migrations', '--to', 'migrations', '--exit-code', '--format', 'json']);
    expect(same.code, same.stderr).toBe(0);
    expect(json(same.stdout)).toMatchObject({ schemaguard: 'diff', version: 1, changes: [] });
  });

  it('migrate generate --format json names the written pair', async () => {
    const g = await cli(['migrate', 'generate', 'add key', '--format', 'json']);
    expect(g.code, g.stderr).toBe(0);
    const doc = json(g.stdout);
    expect(doc).toMatchObject({ schemaguard: 'migrate-generate', version: 1, written: true, files: [{ up: 'migrations/000002_add_key.up.sql', down: 'migrations/000002_add_key.down.sql' }], changes: 1 });
    expect(await readFile(join(dir, 'migrations', '000002_add_key.up.sql'), 'utf8')).toContain('"key"');
    const again = await cli(['migrate', 'generate', 'again', '--format', 'json']);
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ written: false, files: [], changes: 0 });
  });

  it('migrate up, status and down --format json: one document each, progress on stderr', async () => {
    const dry = await cli(['migrate', 'up', '--db', db.url, '--dry-run', '--format', 'json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(json(dry.stdout)).toMatchObject({ schemaguard: 'migrate-up', version: 1, dryRun: true, migrations: [] });
    expect(json(dry.stdout).sql).toContain('CREATE TABLE settings');

    const up = await cli(['migrate', 'up', '--db', db.url, '--format', 'json']);
    expect(up.code, up.stderr).toBe(0);
    const upDoc = json(up.stdout) as { schemaguard: string; dryRun: boolean; migrations: { name: string; ms: number }[] };
    expect(upDoc.schemaguard).toBe('migrate-up');
    expect(upDoc.dryRun).toBe(false);
    expect(upDoc.migrations.map((m) => m.name)).toEqual(['000001_settings', '000002_add_key']);
    for (const m of upDoc.migrations) expect(m.ms).toBeGreaterThanOrEqual(0);

    const status = await cli(['migrate', 'status', '--db', db.url, '--format', 'json']);
    expect(status.code, status.stderr).toBe(0);
    expect(json(status.stdout)).toMatchObject({ schemaguard: 'migrate-status', version: 1, current: '000002_add_key', applied: 2, pending: 0, historyExists: true });

    const down = await cli(['migrate', 'down', '--db', db.url, '--yes', '--format', 'json']);
    expect(down.code, down.stderr).toBe(0);
    expect(json(down.stdout)).toMatchObject({ schemaguard: 'migrate-down', direction: 'down', migrations: [{ name: '000002_add_key' }] });
    expect(json((await cli(['migrate', 'status', '--db', db.url, '--format', 'json'])).stdout)).toMatchObject({ current: '000001_settings', pending: 1 });
  });

  it('FORCE_COLOR colours a log that is not a terminal; FORCE_COLOR=0 and NO_COLOR do not', async () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(false);
    await writeFile(join(dir, 'migrations', '000003_index.up.sql'), 'CREATE INDEX settings_key ON settings (key);\n');
    await writeFile(join(dir, 'migrations', '000003_index.down.sql'), 'DROP INDEX settings_key;\n');
    const lint = (extra: Record<string, string | undefined>) => cli(['lint', 'migrations/000003_index.up.sql'], extra);
    expect((await lint({ NO_COLOR: undefined, FORCE_COLOR: '1' })).stdout).toMatch(/\u001b\[/);
    expect((await lint({ NO_COLOR: undefined, FORCE_COLOR: '0' })).stdout).not.toMatch(/\u001b\[/);
    expect((await lint({ NO_COLOR: '1', FORCE_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
    // machine formats never colour
    expect((await cli(['lint', 'migrations/000003_index.up.sql', '--format', 'json'], { NO_COLOR: undefined, FORCE_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
  });
});
