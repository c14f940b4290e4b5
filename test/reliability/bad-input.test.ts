// Bad input across every command, as one table: each case runs the real CLI and asserts the
// exit code, exactly one line of error on stderr with no stack trace and no password, and a
// database exactly as it was before (schema, migration history, row counts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/embedded.js';
import { introspect } from '../../src/introspect/index.js';
import { quoteIdent } from '../../src/schema/quote.js';
import { runCli, type CliResult } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const WRONG_PASSWORD = 'wr0ng-s3cret-pw';

let db: TestDatabase;
let empty: TestDatabase;
let project: string;
let refusedPort: number;

interface Case {
  readonly name: string;
  readonly args: (ctx: { url: string; emptyUrl: string; project: string }) => string[];
  readonly code: number;
  /** Part of the one error line, to prove the message says what went wrong. */
  readonly says: RegExp;
  readonly cwd?: 'project' | 'repo';
  readonly env?: Record<string, string | undefined>;
}

function urlWith(url: string, change: (u: URL) => void): string {
  const u = new URL(url);
  change(u);
  return u.toString();
}

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** Everything a command could change: catalog, history and row counts, as one value. */
async function snapshot(t: TestDatabase): Promise<string> {
  const schema = await introspect(t.sql);
  const tables = schema.tables.map((x) => `${quoteIdent(x.schema)}.${quoteIdent(x.name)}`);
  const counts = await Promise.all(
    tables.map(async (q) => `${q}=${(await t.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${q}`))[0]!.n}`),
  );
  const history = tables.some((q) => q.includes('schemaguard_migrations'))
    ? await t.sql.unsafe('select name, checksum from public.schemaguard_migrations order by name')
    : [];
  return JSON.stringify({ schema, counts, history });
}

const CASES: Case[] = [
  // connection: every command that takes --db
  { name: 'inspect: malformed URL', args: () => ['inspect', '--db', 'postgres://%zz@:/'], code: 2, says: /malformed database URL/ },
  { name: 'inspect: not a postgres URL', args: () => ['inspect', '--db', 'mysql://u:p@localhost/x'], code: 2, says: /scheme must be postgres/ },
  { name: 'inspect: refused', args: ({ url }) => ['inspect', '--db', urlWith(url, (u) => (u.port = String(refusedPort)))], code: 2, says: /refused/ },
  { name: 'inspect: unknown host', args: ({ url }) => ['inspect', '--db', urlWith(url, (u) => (u.hostname = 'no-such-host.invalid'))], code: 2, says: /unknown host|ENOTFOUND|resolve/i },
  { name: 'inspect: wrong password', args: ({ url }) => ['inspect', '--db', urlWith(url, (u) => (u.password = WRONG_PASSWORD))], code: 2, says: /password authentication failed/ },
  { name: 'inspect: missing database', args: ({ url }) => ['inspect', '--db', urlWith(url, (u) => (u.pathname = '/no_such_db_here'))], code: 2, says: /does not exist/ },
  { name: 'inspect: no database given', args: () => ['inspect'], code: 2, says: /no database given/, env: { DATABASE_URL: undefined } },
  { name: 'inspect: unknown --schema', args: ({ url }) => ['inspect', '--db', url, '--schema', 'nope'], code: 2, says: /unknown schema "nope"/ },
  { name: 'inspect: unknown --format', args: ({ url }) => ['inspect', '--db', url, '--format', 'yaml'], code: 2, says: /invalid|yaml/ },
  { name: 'audit: wrong password', args: ({ url }) => ['audit', '--db', urlWith(url, (u) => (u.password = WRONG_PASSWORD))], code: 2, says: /password authentication failed/, cwd: 'repo' },
  { name: 'audit: refused', args: ({ url }) => ['audit', '--db', urlWith(url, (u) => (u.port = String(refusedPort)))], code: 2, says: /refused/, cwd: 'repo' },
  { name: 'audit: unknown --format', args: ({ url }) => ['audit', '--db', url, '--format', 'html'], code: 2, says: /html|invalid/, cwd: 'repo' },
  { name: 'audit: unknown --fail-on', args: ({ url }) => ['audit', '--db', url, '--fail-on', 'sometimes'], code: 2, says: /sometimes|invalid/, cwd: 'repo' },
  { name: 'audit: negative --sample', args: ({ url }) => ['audit', '--db', url, '--sample', '-5'], code: 2, says: /sample/, cwd: 'repo' },
  { name: 'audit: models file missing', args: ({ url, project }) => ['audit', '--db', url, '--models', join(project, 'missing.ts')], code: 2, says: /missing\.ts/ },
  { name: 'audit: model file that fails to load', args: ({ url, project }) => ['audit', '--db', url, '--models', join(project, 'broken.ts')], code: 2, says: /broken\.ts:2:\d+: .*Unexpected token/ },
  { name: 'audit: model file that throws', args: ({ url, project }) => ['audit', '--db', url, '--models', join(project, 'throws.ts')], code: 2, says: /throws\.ts|boom/ },
  { name: 'audit: invalid model (duplicate column)', args: ({ url, project }) => ['audit', '--db', url, '--models', join(project, 'duplicate.ts')], code: 2, says: /duplicate|twice/i },
  { name: 'audit: invalid model (reference to a missing table)', args: ({ url, project }) => ['audit', '--db', url, '--models', join(project, 'dangling.ts')], code: 2, says: /nowhere/ },
  { name: 'audit: models path is a directory', args: ({ url, project }) => ['audit', '--db', url, '--models', project], code: 2, says: /.+/ },
  { name: 'audit: malformed JSON config', args: ({ url, project }) => ['audit', '--db', url, '--config', join(project, 'bad.json')], code: 2, says: /bad\.json/ },
  { name: 'audit: impossible accepted-drift expiry (2026-02-30)', args: ({ url, project }) => ['audit', '--db', url, '--config', join(project, 'feb30.config.json'), '--fail-on', 'never'], code: 2, says: /2026-02-30.*not a date/ },
  { name: 'inspect: bad percent-escape in the password', args: ({ url }) => ['inspect', '--db', url.replace(/:[^:@/]*@/, ':hunter2%ZZ@')], code: 2, says: /bad percent-escape in the password/ },
  { name: 'audit: config file missing', args: ({ url, project }) => ['audit', '--db', url, '--config', join(project, 'nope.config.json')], code: 2, says: /nope\.config\.json/ },
  { name: 'audit: --out into a missing directory', args: ({ url }) => ['audit', '--db', url, '--out', '/no/such/dir/report.md', '--fail-on', 'never'], code: 2, says: /report\.md|no such|ENOENT/i, cwd: 'repo' },
  // migrate
  { name: 'migrate up: malformed file name', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-badname')], code: 2, says: /add_thing\.sql|name/ },
  { name: 'migrate up: empty name', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-emptyname')], code: 2, says: /000001/ },
  { name: 'migrate up: SQL error rolls back, exit 3', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-sqlerror')], code: 3, says: /000002_broken\.up\.sql:\d+:\d+/ },
  { name: 'migrate up: missing migrations dir', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'nope')], code: 2, says: /nope/ },
  { name: 'migrate up: unknown --to', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--to', '999'], code: 2, says: /999/ },
  { name: 'migrate up: --to and --step', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--to', '1', '--step', '1'], code: 2, says: /--to|--step/ },
  { name: 'migrate up: --step 0', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--step', '0'], code: 2, says: /step/ },
  { name: 'migrate up: --step -2', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--step', '-2'], code: 2, says: /step/ },
  { name: 'migrate up: --lock-timeout banana', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--lock-timeout', 'banana'], code: 2, says: /banana|lock-timeout/ },
  { name: 'migrate up: wrong password', args: ({ url, project }) => ['migrate', 'up', '--db', urlWith(url, (u) => (u.password = WRONG_PASSWORD)), '--migrations', join(project, 'm-good')], code: 2, says: /password authentication failed/ },
  { name: 'migrate up: history table from a newer schemaguard', args: ({ emptyUrl, project }) => ['migrate', 'up', '--db', emptyUrl, '--migrations', join(project, 'm-good'), '--history-table', 'public.future_history'], code: 2, says: /newer schemaguard/ },
  { name: 'migrate up: bad --history-table', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--history-table', 'public.'], code: 2, says: /history-table/ },
  { name: 'migrate up: history in a new table, failing first migration', args: ({ url, project }) => ['migrate', 'up', '--db', url, '--migrations', join(project, 'm-good'), '--history-table', 'fresh_schema.history'], code: 3, says: /already exists/ },
  { name: 'migrate down: without --yes off a TTY', args: ({ url, project }) => ['migrate', 'down', '--db', url, '--migrations', join(project, 'm-good')], code: 2, says: /--yes/ },
  { name: 'migrate down: missing down file', args: ({ url, project }) => ['migrate', 'down', '--db', url, '--migrations', join(project, 'm-nodown'), '--yes'], code: 2, says: /down/ },
  { name: 'migrate down: unknown --to', args: ({ url, project }) => ['migrate', 'down', '--db', url, '--migrations', join(project, 'm-good'), '--to', 'nope', '--yes'], code: 2, says: /nope/ },
  { name: 'migrate status: unknown --format', args: ({ url, project }) => ['migrate', 'status', '--db', url, '--migrations', join(project, 'm-good'), '--format', 'xml'], code: 2, says: /xml|invalid/ },
  { name: 'migrate baseline: unknown --to', args: ({ url, project }) => ['migrate', 'baseline', '--db', url, '--migrations', join(project, 'm-good'), '--to', '42'], code: 2, says: /42/ },
  { name: 'migrate baseline: no --to', args: ({ url, project }) => ['migrate', 'baseline', '--db', url, '--migrations', join(project, 'm-good')], code: 2, says: /--to/ },
  { name: 'migrate create: empty name', args: ({ project }) => ['migrate', 'create', '', '--migrations', join(project, 'm-create')], code: 2, says: /name/ },
  { name: 'migrate create: name with a slash', args: ({ project }) => ['migrate', 'create', '../escape', '--migrations', join(project, 'm-create')], code: 2, says: /name/ },
  { name: 'migrate: unknown subcommand', args: () => ['migrate', 'sideways'], code: 2, says: /unknown command|sideways/ },
  // diff, check, lint, demo
  { name: 'diff: unknown source', args: () => ['diff', '--from', 'yesterday', '--to', 'models'], code: 2, says: /yesterday/, cwd: 'repo' },
  { name: 'diff: missing --to', args: ({ url }) => ['diff', '--from', url], code: 2, says: /--to/, cwd: 'repo' },
  { name: 'diff: wrong password', args: ({ url }) => ['diff', '--from', urlWith(url, (u) => (u.password = WRONG_PASSWORD)), '--to', 'models'], code: 2, says: /password authentication failed/, cwd: 'repo' },
  { name: 'diff: unknown --format', args: ({ url }) => ['diff', '--from', url, '--to', url, '--format', 'pdf'], code: 2, says: /pdf|invalid/, cwd: 'repo' },
  { name: 'diff: malformed --rename', args: ({ url }) => ['diff', '--from', url, '--to', url, '--rename', 'nocolon'], code: 2, says: /nocolon|rename/, cwd: 'repo' },
  { name: 'check: refused', args: ({ url }) => ['check', '--db', urlWith(url, (u) => (u.port = String(refusedPort)))], code: 2, says: /refused/, cwd: 'repo' },
  { name: 'check: broken models', args: ({ project }) => ['check', '--models', join(project, 'broken.ts'), '--migrations', join(project, 'm-good')], code: 2, says: /broken\.ts/ },
  { name: 'lint: missing file', args: ({ project }) => ['lint', join(project, 'no-such.sql')], code: 2, says: /no-such\.sql/ },
  { name: 'lint: SQL syntax error', args: ({ project }) => ['lint', join(project, 'm-syntax', '000001_bad.up.sql')], code: 2, says: /000001_bad\.up\.sql:\d+:\d+/ },
  { name: 'lint: unknown --fail-on', args: ({ project }) => ['lint', '--fail-on', 'loud', join(project, 'm-good', '000001_create_t.up.sql')], code: 2, says: /loud|invalid/ },
  { name: 'demo: bad --domains', args: () => ['demo', '--domains', 'many'], code: 2, says: /domains|many/ },
  { name: 'global: unknown flag', args: () => ['--frobnicate'], code: 2, says: /unknown option/ },
  { name: 'global: unknown command', args: () => ['launch'], code: 2, says: /unknown command/ },
];

describe('bad input, across every command', () => {
  const outputs: string[] = [];
  let before: string;
  let emptyBefore: string;

  beforeAll(async () => {
    db = await createTestDatabase('sg_badinput');
    empty = await createTestDatabase('sg_badinput_empty');
    refusedPort = await freePort();
    project = mkdtempSync(join(tmpdir(), 'sg-badinput-'));
    write(join(project, 'broken.ts'), 'export const users = table("users", {\n  id: uuid(,\n');
    write(join(project, 'throws.ts'), 'throw new Error("boom while loading models");\n');
    const model = (body: string) => `import { t, table } from ${JSON.stringify(new URL('../../src/model/index.ts', import.meta.url).pathname)};\n${body}\n`;
    write(join(project, 'duplicate.ts'), model("export const d = table('d', { id: t.uuid().primaryKey(), email: t.text(), mail: t.text().named('email') });"));
    write(join(project, 'valid.ts'), model("export const d = table('d', { id: t.uuid().primaryKey() });"));
    write(join(project, 'dangling.ts'), model("export const d = table('d', { id: t.uuid().primaryKey(), other: t.uuid().references('nowhere') });"));
    write(join(project, 'bad.json'), '{ "models": "schemas/index.ts", ');
    write(join(project, 'feb30.config.json'), JSON.stringify({ models: './valid.ts', acceptedDrift: './feb30.accepted.json' }));
    write(join(project, 'feb30.accepted.json'), JSON.stringify({ accepted: [{ finding: 'missing-table:public.d', reason: 'r', owner: 'o', expires: '2026-02-30' }] }));
    write(join(project, 'm-badname', 'add_thing.sql'), 'select 1;\n');
    write(join(project, 'm-emptyname', '000001_.up.sql'), 'select 1;\n');
    write(join(project, 'm-emptyname', '000001_.down.sql'), 'select 1;\n');
    write(join(project, 'm-good', '000001_create_t.up.sql'), 'create table bad_input_t (id int primary key);\n');
    write(join(project, 'm-good', '000001_create_t.down.sql'), 'drop table bad_input_t;\n');
    write(join(project, 'm-sqlerror', '000001_create_t.up.sql'), 'create table bad_input_t (id int primary key);\n');
    write(join(project, 'm-sqlerror', '000001_create_t.down.sql'), 'drop table bad_input_t;\n');
    write(join(project, 'm-sqlerror', '000002_broken.up.sql'), 'insert into bad_input_t values (1);\n\nselect * from no_such_table;\n');
    write(join(project, 'm-sqlerror', '000002_broken.down.sql'), 'delete from bad_input_t;\n');
    write(join(project, 'm-nodown', '000001_create_t.up.sql'), 'create table bad_input_t (id int primary key);\n');
    write(join(project, 'm-syntax', '000001_bad.up.sql'), 'create table x (id int);\nselect from where;\n');
    mkdirSync(join(project, 'm-create'), { recursive: true });

    // The database under test: m-good applied, a row, so there is history and data to keep.
    const applied = await runCli(['migrate', 'up', '--db', db.url, '--migrations', join(project, 'm-good')]);
    expect(applied.code, applied.stderr).toBe(0);
    await db.sql`insert into bad_input_t values (42)`;
    // A history table written by a future schemaguard, in the otherwise empty database.
    await empty.sql.unsafe(`create table public.future_history (name text primary key); comment on table public.future_history is 'schemaguard migration history, format 99'`);
    before = await snapshot(db);
    emptyBefore = await snapshot(empty);
  }, 120_000);

  afterAll(async () => {
    await db?.dispose();
    await empty?.dispose();
  });

  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name → exit $code, one line, database unchanged', async (c) => {
    const cwd = c.cwd === 'repo' ? new URL('../../', import.meta.url).pathname : project;
    const r: CliResult = await runCli(c.args({ url: db.url, emptyUrl: empty.url, project }), { cwd, env: c.env, timeoutMs: 120_000 });
    outputs.push(`${c.name}\n${r.stdout}\n${r.stderr}`);
    const password = new URL(db.url).password;
    expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(c.code);
    // Progress lines may precede it (migrate prints what it applied), but the error is one line.
    const errors = r.stderr.split('\n').filter((l) => /^(schemaguard: |error: )/.test(l));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(c.says);
    expect(r.stderr).not.toMatch(/\n\s+at [^\n]+:\d+:\d+/);
    expect(r.stderr + r.stdout).not.toContain(WRONG_PASSWORD);
    expect(r.stderr + r.stdout).not.toContain(password);
    expect(await snapshot(db)).toBe(before);
    expect(await snapshot(empty)).toBe(emptyBefore);
  });

  // Runs after the table (vitest keeps declaration order): bad input is never a schemaguard bug.
  it('no case printed "internal error"', () => {
    expect(outputs.length).toBe(CASES.length);
    expect(outputs.filter((o) => /internal error/i.test(o))).toEqual([]);
  });
});
