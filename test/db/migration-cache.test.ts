// The cache of parsed migrations (src/migrate/script-cache.ts) that lets `check` and
// `diff --from migrations` skip libpg-query when no file changed: used on the second run,
// invalidated by an edit, a damaged entry rebuilt, and what comes out of it applies (and
// fails, at the same file:line:col) as the parsed files do. Observed through the cache's
// events and files, never by time.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEvent } from '../../src/config/compile-cache.js';
import { readSqlFile } from '../../src/migrate/files.js';
import { prepareScripts } from '../../src/migrate/script.js';
import { cachedScripts, storeScripts } from '../../src/migrate/script-cache.js';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';

const dirs: string[] = [];
async function fresh(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const FIRST = '-- the accounts\nCREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE INDEX accounts_email ON accounts (email);\n';
const SECOND = 'CREATE TABLE notes (id bigint PRIMARY KEY, account bigint REFERENCES accounts);\n\n  ALTER TABLE notes ADD COLUMN body text;\n';

describe('parsed migrations cache', () => {
  it('answers from its entry while no file changes, and misses after an edit or damage', async () => {
    const dir = await fresh('sg-script-cache-');
    const root = await fresh('sg-script-cache-root-');
    const files = [
      { path: join(dir, '000001_a.up.sql'), shown: 'migrations/000001_a.up.sql' },
      { path: join(dir, '000002_b.up.sql'), shown: 'migrations/000002_b.up.sql' },
    ];
    await writeFile(files[0]!.path, FIRST);
    await writeFile(files[1]!.path, SECOND);
    const events: CacheEvent[] = [];
    const cache = { root, onEvent: (e: CacheEvent) => events.push(e) };

    expect(await cachedScripts(files, cache)).toBeUndefined();
    const parsed = await prepareScripts(files, readSqlFile);
    await storeScripts(files, parsed, cache);
    expect(events).toEqual(['miss', 'stored']);

    events.length = 0;
    const hit = await cachedScripts(files, cache);
    expect(events).toEqual(['hit']);
    expect(hit!.map((s) => [s.path, s.directives.transaction, s.statements])).toEqual(parsed.map((s) => [s.path, true, s.statements.map((st) => ({ sql: st.sql, offset: st.offset }))]));
    const last = parsed[1]!.statements[1]!;
    expect(hit![1]!.positions.atChar(last.offset + 2)).toEqual(parsed[1]!.positions.atChar(last.offset + 2));

    events.length = 0;
    await writeFile(files[1]!.path, SECOND.replace('body text', 'body varchar(10)'));
    expect(await cachedScripts(files, cache)).toBeUndefined();
    expect(events).toEqual(['stale']);

    await storeScripts(files, await prepareScripts(files, readSqlFile), cache);
    const [entry] = (await readdir(root)).filter((n) => n.startsWith('migrations-'));
    await writeFile(join(root, entry!), '{"format":2,"key":');
    events.length = 0;
    expect(await cachedScripts(files, cache)).toBeUndefined();
    expect(events).toEqual(['corrupt']);
  });
});

describe('parsed migrations cache through the CLI (diff --from migrations)', () => {
  let db: TestDatabase;
  let dir: string;
  let xdg: string;
  beforeAll(async () => {
    db = await createTestDatabase('sg_script_cache');
    dir = await fresh('sg-script-cache-cli-');
    xdg = await fresh('sg-script-cache-xdg-');
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'migrations', '000001_a.up.sql'), FIRST);
    await writeFile(join(dir, 'migrations', '000002_b.up.sql'), SECOND);
    await db.sql.unsafe(FIRST + SECOND);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const diff = () => runCli(['diff', '--from', 'migrations', '--to', db.url, '--format', 'sql'], { cwd: dir, env: { SCHEMAGUARD_SCRATCH_URL: adminUrl(), XDG_CACHE_HOME: xdg, SCHEMAGUARD_MODEL_CACHE: undefined } });
  const entries = async () => {
    const root = join(xdg, 'schemaguard', 'compiled');
    const names = (await readdir(root)).filter((n) => n.startsWith('migrations-') && n.endsWith('.json'));
    return Promise.all(names.map(async (n) => ({ name: n, text: await readFile(join(root, n), 'utf8'), mtime: (await stat(join(root, n))).mtimeMs })));
  };

  it('stores the parsed files, then reads them back unchanged, and an edit is parsed afresh', async () => {
    const first = await diff();
    expect([first.code, first.stdout, first.stderr]).toEqual([0, '', '']);
    const [stored] = await entries();
    expect(stored).toBeDefined();

    const second = await diff();
    expect([second.code, second.stdout, second.stderr]).toEqual([0, '', '']);
    // A hit rewrites nothing.
    expect(await entries()).toEqual([stored]);

    // A failure located in a file from the cache: the same file:line:col as from the parser.
    await writeFile(join(dir, 'migrations', '000003_c.up.sql'), 'CREATE TABLE c (id int);\n\n  ALTER TABLE missing ADD COLUMN x int;\n');
    const expected = 'schemaguard: migrations/000003_c.up.sql:3:3: relation "missing" does not exist (applying migrations to a scratch database)\n';
    const parsedRun = await diff();
    expect([parsedRun.code, parsedRun.stderr]).toEqual([2, expected]);
    const cachedRun = await diff();
    expect([cachedRun.code, cachedRun.stderr]).toEqual([2, expected]);

    // An edit that the parser refuses: the cache must not answer for the old text.
    await writeFile(join(dir, 'migrations', '000003_c.up.sql'), 'CREATE TABLE c (id int;\n');
    const refused = await diff();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^schemaguard: migrations\/000003_c\.up\.sql:1:\d+: syntax error/);
    await rm(join(dir, 'migrations', '000003_c.up.sql'));
  });

  it('rebuilds a damaged entry', async () => {
    await rm(join(xdg, 'schemaguard'), { recursive: true, force: true });
    await diff();
    const [entry, ...others] = await entries();
    expect(others).toEqual([]);
    const root = join(xdg, 'schemaguard', 'compiled');
    await writeFile(join(root, entry!.name), 'not json');
    const r = await diff();
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const [rebuilt] = (await entries()).filter((e) => e.name === entry!.name);
    expect(() => JSON.parse(rebuilt!.text) as unknown).not.toThrow();
  });
});
