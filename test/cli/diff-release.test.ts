// Issue 10: `diff --from migrations --to <database>` builds its scratch database on the
// database's own release when binaries of it are found (here Debian's PostgreSQL 15, which CI
// installs), and otherwise compares view bodies by parse tree: PostgreSQL 16+ prints a
// single-table view's columns without the qualifier 15 prints. Either way, no false drift.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { runCli } from '../support/cli.js';

const PG15 = '/usr/lib/postgresql/15/bin';

const UP = `CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, org int);
CREATE TABLE orgs (id int PRIMARY KEY, title text);
CREATE VIEW active_users AS SELECT id, name FROM users WHERE org > 1;
CREATE VIEW user_orgs AS SELECT u.id, o.title FROM users u JOIN orgs o ON o.id = u.org;
CREATE MATERIALIZED VIEW org_counts AS SELECT name, (SELECT count(*) FROM orgs WHERE orgs.id = users.org) AS c FROM users;
`;

describe('diff --from migrations --to a PostgreSQL 15 database with views', () => {
  let server: EmbeddedServer;
  let dir: string;
  const env = (extra: Record<string, string> = {}) => ({ SCHEMAGUARD_SCRATCH_URL: undefined, DATABASE_URL: undefined, ...extra });

  beforeAll(async () => {
    server = await startEmbedded({ binDir: PG15 });
    const sql = await connect(server.url, { max: 1 });
    await sql.unsafe('CREATE DATABASE app');
    await sql.end();
    dir = await mkdtemp(join(tmpdir(), 'sg-release-'));
    await mkdir(join(dir, 'migrations'));
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ migrations: './migrations' }));
    await writeFile(join(dir, 'migrations', '000001_views.up.sql'), UP);
    await writeFile(join(dir, 'migrations', '000001_views.down.sql'), 'DROP MATERIALIZED VIEW org_counts; DROP VIEW user_orgs, active_users; DROP TABLE orgs, users;\n');
    const r = await runCli(['migrate', 'up', '--db', server.urlFor('app')], { cwd: dir, env: env(), timeoutMs: 120_000 });
    expect(r.stderr).toMatch(/applied 1 migration/);
    expect(r.code).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('the database really is on 15 and prints its views qualified', async () => {
    const sql = await connect(server.urlFor('app'), { max: 1 });
    try {
      const [row] = await sql.unsafe<{ v: number; d: string }[]>(`select current_setting('server_version_num')::int as v, pg_get_viewdef('active_users'::regclass, true) as d`);
      expect(Math.floor(row!.v / 10000)).toBe(15);
      expect(row!.d).toContain('users.id');
    } finally {
      await sql.end();
    }
  });

  it('builds on PostgreSQL 15 binaries and prints nothing, in text and in sql', async () => {
    for (const format of ['text', 'sql']) {
      const r = await runCli(['diff', '--from', 'migrations', '--to', server.urlFor('app'), '--format', format, '--exit-code'], { cwd: dir, env: env(), timeoutMs: 120_000 });
      // No note on stderr: the scratch server was of the database's release.
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(format === 'sql' ? '' : `no differences between migrations (migrations) and 127.0.0.1:${server.port}/app\n`);
      expect(r.code).toBe(0);
    }
  }, 240_000);

  it('on the embedded release instead, says so, compares views by parse tree and still prints nothing', async () => {
    const r = await runCli(['diff', '--from', 'migrations', '--to', server.urlFor('app'), '--format', 'sql', '--exit-code'], { cwd: dir, env: env({ SCHEMAGUARD_MATCH_RELEASE: 'off' }), timeoutMs: 120_000 });
    expect(r.stderr).toMatch(/^note: migrations were applied on PostgreSQL 1[6-9], the database runs 15 .*release-independent form\n$/);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('a real change of a view body is still drift across releases', async () => {
    await writeFile(join(dir, 'migrations', '000002_narrow.up.sql'), 'CREATE OR REPLACE VIEW active_users AS SELECT id, name FROM users WHERE org > 2;\n');
    await writeFile(join(dir, 'migrations', '000002_narrow.down.sql'), 'CREATE OR REPLACE VIEW active_users AS SELECT id, name FROM users WHERE org > 1;\n');
    try {
      const r = await runCli(['diff', '--from', 'migrations', '--to', server.urlFor('app'), '--format', 'sql', '--exit-code'], { cwd: dir, env: env({ SCHEMAGUARD_MATCH_RELEASE: 'off' }), timeoutMs: 120_000 });
      expect(r.stdout).toMatch(/VIEW "public"\."active_users"/);
      expect(r.stdout).toMatch(/org > 1/);
      expect(r.stdout).not.toMatch(/user_orgs|org_counts/);
      expect(r.code).toBe(1);
    } finally {
      await rm(join(dir, 'migrations', '000002_narrow.up.sql'));
      await rm(join(dir, 'migrations', '000002_narrow.down.sql'));
    }
  }, 120_000);
});
