// lint --db as a role without USAGE on the schema a migration drops from: one line, exit 2,
// never "internal error" (it was "permission denied for schema …" as an internal error).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral } from '../../src/schema/quote.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const ROLE = 'sg_lint_nousage';
const PASSWORD = 'n0usage-pw';

describe('lint --db without USAGE on a schema', () => {
  let db: TestDatabase;
  let file: string;

  beforeAll(async () => {
    db = await createTestDatabase('sg_lint_perm');
    await db.sql.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = ${quoteLiteral(ROLE)}) then create role ${quoteIdent(ROLE)} login password ${quoteLiteral(PASSWORD)}; end if;
    exception when duplicate_object or unique_violation then null; end $$`);
    await db.sql.unsafe('create schema secret; create table secret.t (id int); insert into secret.t values (1)');
    await db.sql.unsafe(`revoke all on schema secret from public`);
    const dir = mkdtempSync(join(tmpdir(), 'sg-lintperm-'));
    file = join(dir, '000001_drop.up.sql');
    writeFileSync(file, 'drop table secret.t;\n');
  }, 120_000);

  afterAll(async () => db?.dispose());

  it('exits 2 with one line naming the table, not an internal error', async () => {
    const u = new URL(db.url);
    u.username = ROLE;
    u.password = PASSWORD;
    const r = await runCli(['lint', '--db', u.toString(), file], { timeoutMs: 120_000 });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('schemaguard:'));
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/secret\.t.*permission denied/);
    expect(r.stderr).not.toContain(PASSWORD);
  }, 180_000);
});
