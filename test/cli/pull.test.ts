// `schemaguard pull`: models written from a live database round-trip. `audit` of the same
// database against them finds nothing but info on what the DSL cannot declare, `diff --from
// models` prints nothing, the files type-check under the project's strict settings, the output
// is deterministic, and nothing is overwritten without --force.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { migrate, ok, type AuditJson } from '../support/domain.js';
import { ensureRole } from '../support/roles.js';
import { largeSchemaReleases } from '../convergence/large-schema.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const KITCHEN_SINK = readFileSync(new URL('../fixtures/kitchen-sink.sql', import.meta.url), 'utf8');
// Inside the repository, so that `schemaguard/model` resolves to this package (self-reference).
const WORK = join(REPO, 'test', '.tmp', `pull-${process.pid}-${randomBytes(3).toString('hex')}`);

const open: TestDatabase[] = [];
beforeAll(async () => {
  mkdirSync(WORK, { recursive: true });
  await ensureRole('sg_inspect_reader');
});
afterAll(async () => {
  while (open.length > 0) await open.pop()!.dispose();
  rmSync(WORK, { recursive: true, force: true });
});

async function database(setup: (db: TestDatabase) => Promise<void>): Promise<TestDatabase> {
  const db = await createTestDatabase('sg_pull');
  open.push(db);
  await setup(db);
  return db;
}

/** A project directory of its own: no config file, so the models decide the schemas. */
function project(name: string): string {
  const dir = join(WORK, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const cli = (cwd: string, args: readonly string[]): Promise<CliResult> => runCli(args, { cwd, timeoutMs: 180_000 });

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

async function auditOf(cwd: string, url: string, extra: readonly string[] = []): Promise<{ code: number | null; report: AuditJson }> {
  const r = await cli(cwd, ['audit', '--db', url, '--models', 'models/index.ts', '--format', 'json', '--fail-on', 'warning', ...extra]);
  expect(r.stderr).not.toMatch(/internal error/);
  return { code: r.code, report: JSON.parse(r.stdout) as AuditJson };
}

function tsc(files: readonly string[]): Promise<{ code: number | null; output: string }> {
  const bin = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--verbatimModuleSyntax', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', ...files];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const findings = (report: AuditJson) => report.tables.flatMap((t) => t.findings.map((f) => ({ ...f, table: t.table })));

describe('schemaguard pull', () => {
  it('kitchen sink: audit finds only info on the objects the files list as not declarable; files type-check; deterministic; no overwrite without --force', async () => {
    const db = await database(async (d) => void (await d.sql.unsafe(KITCHEN_SINK)));
    const dir = project('kitchen');
    const pulled = ok(await cli(dir, ['pull', '--db', db.url, '--out', 'models']), 'pull');
    expect(pulled.stderr).toMatch(/wrote 4 file\(s\) to models: 2 enum\(s\), 10 table\(s\)/);
    const files = readAll(join(dir, 'models'));
    expect(Object.keys(files)).toEqual(['Sales-Ops.ts', 'app.ts', 'index.ts', 'public.ts']);

    const { code, report } = await auditOf(dir, db.url);
    expect(code).toBe(0);
    const all = findings(report);
    expect(all.filter((f) => f.severity !== 'info')).toEqual([]);
    // Every info finding is about an object kind the file headers list.
    const headers = Object.values(files).join('\n');
    for (const f of all) expect(f.message).toMatch(/^(trigger|row-level security policy|procedure|view|function|domain|materialized view) /);
    for (const name of ['trigger orders_audit', 'policy Own rows', 'view app.Happy Customers', 'function app.add(a integer, b integer)', 'domain app.code', 'materialized view app.order_totals']) {
      expect(headers).toContain(name);
    }
    expect(all.length).toBeGreaterThan(5);

    const d = await cli(dir, ['diff', '--from', 'models', '--to', db.url, '--models', 'models/index.ts', '--format', 'json']);
    expect(d.code).toBe(0);
    expect((JSON.parse(d.stdout) as { changes: unknown[] }).changes).toEqual([]);

    const types = await tsc(Object.keys(files).map((f) => join(dir, 'models', f)));
    expect(types.output).toBe('');
    expect(types.code).toBe(0);

    const again = await cli(dir, ['pull', '--db', db.url, '--out', 'models']);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exist.*pass --force to overwrite/);
    ok(await cli(dir, ['pull', '--db', db.url, '--out', 'models', '--force']), 'pull --force');
    expect(readAll(join(dir, 'models'))).toEqual(files);
  });

  it("this repository's migrated database: zero findings, and the history table is not pulled", async () => {
    const db = await database(async (d) => void ok(await migrate(d.url, ['up']), 'migrate up'));
    const dir = project('repo');
    ok(await cli(dir, ['pull', '--db', db.url, '--out', 'models', '--history-table', 'schemaguard.migrations']), 'pull');
    const files = readAll(join(dir, 'models'));
    expect(Object.keys(files)).not.toContain('schemaguard.ts');
    expect(files['public.ts']).toContain('export const leadGenerationCampaigns = table("lead_generation_campaigns"');
    const { code, report } = await auditOf(dir, db.url, ['--history-table', 'schemaguard.migrations']);
    expect(findings(report)).toEqual([]);
    expect(code).toBe(0);
    const types = await tsc(Object.keys(files).map((f) => join(dir, 'models', f)));
    expect(types.output).toBe('');
  });

  it('a 260-table generated schema: zero findings beyond views', async () => {
    const db = await database(async (d) => void (await d.sql.unsafe(largeSchemaReleases().at(-1)!.sql)));
    const dir = project('large');
    ok(await cli(dir, ['pull', '--db', db.url, '--out', 'models']), 'pull');
    const { code, report } = await auditOf(dir, db.url);
    expect(code).toBe(0);
    expect(report.tables.length).toBeGreaterThanOrEqual(200);
    expect(findings(report).filter((f) => !/^view /.test(f.message))).toEqual([]);
  });

  it('bad input: an unknown schema is exit 2 with one line and nothing written', async () => {
    const db = await database(async () => undefined);
    const dir = project('bad');
    const r = await cli(dir, ['pull', '--db', db.url, '--out', 'models', '--schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
