// Table inheritance through the model layer: `pull` writes `inherits: [...]` and only the
// child's own columns and checks, and the models compile back to the database's IR (audit
// finds nothing, diff prints nothing). A model inheriting what PostgreSQL cannot inherit from is
// a designed refusal (exit 2, one line, database unchanged), and a missing parent a model error.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ok, type AuditJson } from '../support/domain.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORK = join(REPO, 'test', '.tmp', `pull-inherit-${process.pid}-${randomBytes(3).toString('hex')}`);

const SCHEMA = `
CREATE TABLE "Event Base" (id bigserial NOT NULL, at timestamptz DEFAULT now(), kind text, CONSTRAINT "kind known" CHECK (kind <> ''));
CREATE TABLE tagged (tag text, CONSTRAINT tag_short CHECK (length(tag) < 20), CONSTRAINT only_here CHECK (tag <> 'x') NO INHERIT);
CREATE TABLE click (x int, kind text NOT NULL DEFAULT 'click', CONSTRAINT "kind known" CHECK (kind <> '')) INHERITS ("Event Base", tagged);
CREATE SCHEMA audit;
CREATE TABLE audit.login (who text, PRIMARY KEY (id)) INHERITS (public."Event Base");
`;

let db: TestDatabase;
beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  db = await createTestDatabase('sg_pull_inherit');
  await db.sql.unsafe(SCHEMA);
});
afterAll(async () => {
  await db?.dispose();
  rmSync(WORK, { recursive: true, force: true });
});

const cli = (cwd: string, args: readonly string[]): Promise<CliResult> => runCli(args, { cwd, timeoutMs: 180_000 });

function project(name: string): string {
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('table inheritance in models', () => {
  it('pull writes the parents and only the own columns; audit and diff against the database find nothing', async () => {
    const dir = project('pulled');
    ok(await cli(dir, ['pull', '--db', db.url, '--out', 'models']), 'pull');
    const pub = readFileSync(join(dir, 'models', 'public.ts'), 'utf8');
    const click = pub.slice(pub.indexOf('table("click"'));
    expect(click).toMatch(/inherits: \["Event Base", "tagged"\]/);
    expect(click.slice(0, click.indexOf('}'))).not.toMatch(/\bat:|\btag:|\bid:/);
    expect(click.slice(0, click.indexOf('}'))).toMatch(/kind:/);
    expect(readFileSync(join(dir, 'models', 'audit.ts'), 'utf8')).toMatch(/inherits: \["public\.Event Base"\]/);

    const audit = await cli(dir, ['audit', '--db', db.url, '--models', 'models/index.ts', '--format', 'json', '--fail-on', 'warning']);
    expect(audit.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(audit.stdout) as AuditJson;
    expect(report.tables.flatMap((t) => t.findings)).toEqual([]);
    expect(audit.code).toBe(0);

    const d = await cli(dir, ['diff', '--from', 'models', '--to', db.url, '--models', 'models/index.ts', '--format', 'json']);
    expect(d.stderr).toBe('');
    expect((JSON.parse(d.stdout) as { changes: unknown[] }).changes).toEqual([]);
    expect(d.code).toBe(0);
  });

  it('a model inheriting from a partitioned table is refused: exit 2, one line naming it, database unchanged', async () => {
    const dir = project('partitioned');
    writeFileSync(join(dir, 'models.ts'), `import { table, t } from 'schemaguard/model';
export const m = table('m', { k: t.integer().notNull() }, { partitionBy: 'LIST (k)' });
export const kid = table('kid', { note: t.text() }, { inherits: ['m'] });
`);
    const before = await db.sql`select count(*)::int as n from pg_class where relname in ('m', 'kid')`;
    const r = await cli(dir, ['diff', '--from', db.url, '--to', 'models', '--models', 'models.ts', '--format', 'sql']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['schemaguard: cannot plan table public.kid INHERITS (public.m): PostgreSQL cannot inherit from a partitioned table; make kid a partition of it (partitionOf) instead']);
    expect(r.stdout).toBe('');
    expect(await db.sql`select count(*)::int as n from pg_class where relname in ('m', 'kid')`).toEqual(before);
  });

  it('a model inheriting from a table no model declares is a model error (exit 2, one line)', async () => {
    const dir = project('missing');
    writeFileSync(join(dir, 'models.ts'), `import { table, t } from 'schemaguard/model';
export const kid = table('kid', { note: t.text() }, { inherits: ['nowhere'] });
`);
    const r = await cli(dir, ['diff', '--from', db.url, '--to', 'models', '--models', 'models.ts', '--format', 'sql']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/table public\.kid inherits from the missing table public\.nowhere/);
    expect(readdirSync(dir)).toEqual(['models.ts']);
  });
});
