// The issue-17 reproduction: a table (and a column) whose name holds a newline and a DROP
// statement. `diff --format sql` writes a hazard comment naming it; applied with psql, the
// comment must stay a comment: the canary survives and the databases converge.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent } from '../../src/schema/quote.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { psql } from './psql.js';

const TABLE = 'nl\nDROP TABLE zz_canary;\n';
const COLUMN = 'c\r\nDROP TABLE zz_canary;\u2028--';

describe('a newline in a name cannot inject SQL through diff --format sql', () => {
  let from: TestDatabase;
  let to: TestDatabase;

  beforeAll(async () => {
    from = await createTestDatabase('sg_nl_from');
    to = await createTestDatabase('sg_nl_to');
    for (const db of [from, to]) {
      await db.sql.unsafe('create table zz_canary (id int primary key); insert into zz_canary values (1);');
      await db.sql.unsafe('create table keep (id int primary key)');
    }
    await from.sql.unsafe(`create table ${quoteIdent(TABLE)} (id int)`);
    await from.sql.unsafe(`alter table keep add column ${quoteIdent(COLUMN)} int`);
  }, 120_000);

  afterAll(async () => {
    await from?.dispose();
    await to?.dispose();
  });

  it('the plan applies with psql, the canary survives, and a second diff is empty', async () => {
    const diff = await runCli(['diff', '--from', from.url, '--to', to.url, '--format', 'sql'], { timeoutMs: 120_000 });
    expect([0, 1], diff.stderr).toContain(diff.code);
    // The hazard comments show the name escaped, on one line (the quoted identifiers in the
    // statements themselves may hold the newline: inside double quotes it is inert).
    const comments = diff.stdout.split('\n').filter((l) => l.startsWith('--'));
    expect(comments.some((l) => l.includes('nl\\nDROP TABLE zz_canary;\\n')), diff.stdout).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'sg-nl-')), 'plan.sql');
    writeFileSync(file, diff.stdout);
    const applied = await psql(from.url, file);
    expect(applied.code, applied.out).toBe(0);
    const canary = await from.sql<{ n: number }[]>`select count(*)::int as n from zz_canary`;
    expect(canary[0]!.n).toBe(1);
    const again = await runCli(['diff', '--from', from.url, '--to', to.url, '--format', 'sql'], { timeoutMs: 120_000 });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 240_000);
});
