// `inspect --format sql`: the dump loads into an empty database with psql ON_ERROR_STOP, the
// loaded copy diffs empty against the original, and on a PostgreSQL 15 server (whose pg_dump
// ships in Debian's packages) it builds the same catalog as `pg_dump --schema-only`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { catalogFingerprint } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrate, ok } from '../support/domain.js';
import { ensureRole } from '../support/roles.js';

const KITCHEN_SINK = readFileSync(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8');
const PG15 = '/usr/lib/postgresql/15/bin';

function run(cmd: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function loadWithPsql(url: string, text: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-dump-'));
  try {
    const file = join(dir, 'dump.sql');
    writeFileSync(file, text);
    const r = await run(join(PG15, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', file, url]);
    expect(r.stderr, 'psql must load the dump without an error').toBe('');
    expect(r.code).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL 18 keeps a name for each NOT NULL constraint, and a renamed table keeps the old
 * one; the IR does not carry those names yet (a known gap), so they are compared unnamed.
 */
async function fingerprint(sql: Parameters<typeof catalogFingerprint>[0]): Promise<Record<string, string[]>> {
  const f = await catalogFingerprint(sql);
  return { ...f, constraints: (f.constraints ?? []).map((l) => l.replace(/^(\S+)\.\S+ (NOT NULL \S+ \S+)$/, '$1.* $2')).sort() };
}

async function dumpOf(url: string): Promise<string> {
  const r = await runCli(['inspect', '--format', 'sql', '--db', url]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('inspect --format sql on the embedded server', () => {
  const open: TestDatabase[] = [];
  beforeAll(async () => ensureRole('sg_inspect_reader'));
  afterAll(async () => {
    while (open.length > 0) await open.pop()!.dispose();
  });
  const db = async () => {
    const d = await createTestDatabase('sg_dump');
    open.push(d);
    return d;
  };

  it('kitchen sink: deterministic, quoted, loads with ON_ERROR_STOP, and the copy diffs empty', async () => {
    const source = await db();
    await source.sql.unsafe(KITCHEN_SINK);
    const dump = await dumpOf(source.url);
    expect(await dumpOf(source.url)).toBe(dump);
    expect(dump).toContain('CREATE SCHEMA "Sales Ops";');
    expect(dump).not.toMatch(/CONCURRENTLY/);
    const copy = await db();
    await loadWithPsql(copy.url, dump);
    const d = await runCli(['diff', '--from', source.url, '--to', copy.url, '--format', 'json']);
    expect(d.code).toBe(0);
    expect((JSON.parse(d.stdout) as { changes: unknown[] }).changes).toEqual([]);
    expect(await catalogFingerprint(copy.sql)).toEqual(await catalogFingerprint(source.sql));
  });

  it("this repository's migrated database: the copy diffs empty", async () => {
    const source = await db();
    ok(await migrate(source.url, ['up']), 'migrate up');
    const copy = await db();
    await loadWithPsql(copy.url, await dumpOf(source.url));
    const d = await runCli(['diff', '--from', source.url, '--to', copy.url, '--format', 'json']);
    expect(d.code).toBe(0);
    expect((JSON.parse(d.stdout) as { changes: unknown[] }).changes).toEqual([]);
    expect(await fingerprint(copy.sql)).toEqual(await fingerprint(source.sql));
  });

  it('an empty database dumps to nothing; a bad --format is exit 2', async () => {
    const empty = await db();
    expect(await dumpOf(empty.url)).toBe('');
    const bad = await runCli(['inspect', '--format', 'yaml', '--db', empty.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/yaml/);
  });
});

// pg_dump refuses a server newer than itself, and Debian's packages carry pg_dump 15: so this
// comparison runs on a PostgreSQL 15 server of its own (`.ci/run` installs postgresql-15).
describe('inspect --format sql against pg_dump --schema-only (PostgreSQL 15)', () => {
  let server: EmbeddedServer | undefined;
  let base = '';

  beforeAll(async () => {
    expect(existsSync(join(PG15, 'pg_dump')), `${PG15} must hold PostgreSQL 15 (apt-get install postgresql-15)`).toBe(true);
    server = await startEmbedded({ binDir: PG15, settings: { listen_addresses: '127.0.0.1' } });
    base = server.urlFor('');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('both dumps of the kitchen sink, each loaded into a fresh database, give the same catalog', async () => {
    const admin = await connect(`${base}postgres`);
    try {
      await admin.unsafe('CREATE ROLE sg_inspect_reader');
      for (const name of ['source', 'ours', 'theirs']) await admin.unsafe(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const source = await connect(`${base}source`);
    const ours = await connect(`${base}ours`);
    const theirs = await connect(`${base}theirs`);
    try {
      await source.unsafe(KITCHEN_SINK);
      await loadWithPsql(`${base}ours`, await dumpOf(`${base}source`));
      const pgDump = await run(join(PG15, 'pg_dump'), ['--schema-only', '--no-owner', `${base}source`]);
      expect(pgDump.code, pgDump.stderr).toBe(0);
      await loadWithPsql(`${base}theirs`, pgDump.stdout);
      const fingerprint = await catalogFingerprint(theirs);
      expect(fingerprint.columns?.length).toBeGreaterThan(10);
      expect(await catalogFingerprint(ours)).toEqual(fingerprint);
    } finally {
      await Promise.all([source, ours, theirs].map((s) => s.end({ timeout: 5 })));
    }
  }, 120_000);
});
