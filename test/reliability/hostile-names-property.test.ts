// Property test for issue 17: names built by a seeded PRNG from hostile fragments (newline,
// CR, tab, control characters, `*/`, `--`, `;`, quotes, backslashes, U+2028/U+2029, reserved
// words, 63-byte names, `$sg$` and `%`) for schemas, tables, columns, indexes, constraints,
// enums and views. Each run builds them in a database and runs diff --format sql both ways
// (applied with psql, re-diff empty), audit in every format (each parses) and its SQL fixes
// (applied with psql, the findings gone), inspect --format sql
// (loaded with psql into an empty database, diff empty) and migrate generate from models that
// declare the same names (applied by migrate up, check clean, lint clean; then NOT NULL columns
// added in the safe order, whose guard stops on a row and passes once it is gone); a canary
// table must survive every step. SG_SEED=<n> replays a run; the seed is printed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../src/schema/quote.js';
import { runCli } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { psql } from './psql.js';
import { sarifValidator } from '../support/sarif.js';
import { seededRandom } from '../support/rng.js';

const SEED = Number(process.env.SG_SEED ?? Date.now() % 2 ** 31);
console.log(`hostile-names-property: SG_SEED=${SEED}`);

const mulberry32 = seededRandom;

/**
 * CommonMark code spans on one line close: outside a span a backslash escapes the next
 * character; a run of n backticks opens a span that only a run of exactly n closes (inside,
 * backslashes are literal).
 */
function spansClose(line: string): boolean {
  let i = 0;
  let open = 0;
  while (i < line.length) {
    if (open === 0 && line[i] === '\\') {
      i += 2;
      continue;
    }
    if (line[i] !== '`') {
      i += 1;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n += 1;
    if (open === 0) open = n;
    else if (open === n) open = 0;
    i += n;
  }
  return open === 0;
}

const FRAGMENTS = [
  '\n', '\r', '\r\n', '\t', '\u0001', '\u001b[31m', '\u007f', '*/', '/*', '--', ';', '"', "'", '\\', '\\n', '\u2028', '\u2029',
  'DROP TABLE zz_canary;', '\nDROP TABLE zz_canary;\n', 'select', 'user', 'table', 'order', '|', '`', '``', '<x>&', ']]>', '$$', 'ünï', '😀', ' ',
  '$sg$', '%s', '%',
];

function hostileName(rand: () => number, used: Set<string>): string {
  for (;;) {
    let name = rand() < 0.2 ? ['select', 'user', 'order', 'from'][Math.floor(rand() * 4)]! : 'h';
    const parts = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < parts; i++) name += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)]!;
    if (rand() < 0.15) name = (name + 'x'.repeat(63)).slice(0, 80);
    // PostgreSQL truncates at 63 bytes: cut on a character boundary so the name round-trips.
    while (Buffer.byteLength(name) > 63) name = name.slice(0, -1);
    if (name.endsWith('\ud83d')) name = name.slice(0, -1);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

describe(`hostile names, property test (SG_SEED=${SEED})`, () => {
  let full: TestDatabase;
  let bare: TestDatabase;
  let dir: string;
  const rand = mulberry32(SEED);
  const used = new Set<string>();
  const n = () => hostileName(rand, used);
  const names: string[] = [];
  const rounds: { schema: string; table: string; c1: string; c2: string; idx: string; con: string; en: string; l1: string; l2: string; pub: string }[] = [];

  beforeAll(async () => {
    full = await createTestDatabase('sg_prop_full');
    bare = await createTestDatabase('sg_prop_bare');
    dir = mkdtempSync(join(tmpdir(), 'sg-prop-'));
    for (const db of [full, bare]) await db.sql.unsafe('create table public.zz_canary (id int primary key); insert into public.zz_canary values (1)');
    const ddl: string[] = [];
    for (let round = 0; round < 3; round++) {
      const schema = n();
      const table = n();
      const [c1, c2, idx, con, en, l1, l2, view] = [n(), n(), n(), n(), n(), n(), n(), n()];
      names.push(schema, table, c1, c2, idx, con, en, l1, l2, view);
      ddl.push(
        `create schema ${quoteIdent(schema)}`,
        `create type ${quoteQualified(schema, en)} as enum (${quoteLiteral(l1)}, ${quoteLiteral(l2)})`,
        `create table ${quoteQualified(schema, table)} (id int primary key, ${quoteIdent(c1)} text default ${quoteLiteral(l1)}, ${quoteIdent(c2)} ${quoteQualified(schema, en)}, constraint ${quoteIdent(con)} check (length(${quoteIdent(c1)}) < 100))`,
        `create index ${quoteIdent(idx)} on ${quoteQualified(schema, table)} (${quoteIdent(c1)})`,
        `create view ${quoteQualified(schema, view)} as select id, ${quoteIdent(c1)} from ${quoteQualified(schema, table)}`,
        `comment on table ${quoteQualified(schema, table)} is ${quoteLiteral(`${l2}\nDROP TABLE zz_canary;`)}`,
      );
      const pub = n();
      names.push(pub);
      rounds.push({ schema, table, c1, c2, idx, con, en, l1, l2, pub });
      ddl.push(`create table public.${quoteIdent(pub)} (${quoteIdent(c1)} int, ${quoteIdent(c2)} text)`);
    }
    for (const s of ddl) await full.sql.unsafe(s);
  }, 120_000);

  afterAll(async () => {
    await full?.dispose();
    await bare?.dispose();
  });

  const canaryAlive = async (db: TestDatabase) => {
    const rows = await db.sql<{ n: number }[]>`select count(*)::int as n from public.zz_canary`;
    expect(rows[0]!.n, `SG_SEED=${SEED}`).toBe(1);
  };

  const applyDiff = async (from: TestDatabase, to: TestDatabase, label: string) => {
    const d = await runCli(['diff', '--from', from.url, '--to', to.url, '--format', 'sql'], { timeoutMs: 180_000 });
    expect([0, 1], `SG_SEED=${SEED} ${d.stderr}`).toContain(d.code);
    const file = join(dir, `${label}.sql`);
    writeFileSync(file, d.stdout);
    const applied = await psql(from.url, file);
    expect(applied.code, `SG_SEED=${SEED} ${file}\n${applied.out}`).toBe(0);
    await canaryAlive(from);
    const again = await runCli(['diff', '--from', from.url, '--to', to.url, '--format', 'sql'], { timeoutMs: 180_000 });
    expect(again.code, `SG_SEED=${SEED} ${again.stdout}${again.stderr}`).toBe(0);
  };

  const loadDump = async (into: TestDatabase, file: string) => {
    const applied = await psql(into.url, file);
    expect(applied.code, `SG_SEED=${SEED} ${file}\n${applied.out}`).toBe(0);
  };

  it('inspect --format sql loads into an empty database with psql, converges, and keeps the canary', async () => {
    const dump = await runCli(['inspect', '--db', full.url, '--format', 'sql'], { timeoutMs: 180_000 });
    expect(dump.code, `SG_SEED=${SEED} ${dump.stderr}`).toBe(0);
    const file = join(dir, 'inspect.sql');
    writeFileSync(file, dump.stdout);
    const fresh = await createTestDatabase('sg_prop_dump');
    try {
      await loadDump(fresh, file);
      // The dump creates the canary table itself (schema only): a name that became a
      // statement would have dropped it, or failed before it existed.
      const [alive] = await fresh.sql<{ ok: boolean }[]>`select to_regclass('public.zz_canary') is not null as ok`;
      expect(alive!.ok, `SG_SEED=${SEED} ${file}`).toBe(true);
      const again = await runCli(['diff', '--from', fresh.url, '--to', full.url, '--format', 'sql'], { timeoutMs: 180_000 });
      expect(again.code, `SG_SEED=${SEED} ${again.stdout}${again.stderr}`).toBe(0);
      await canaryAlive(full);
    } finally {
      await fresh.dispose();
    }
  }, 300_000);

  /**
   * lint's reports over findings that name hostile tables, columns and indexes (a plain CREATE
   * INDEX on each hostile table is SG001): JSON and SARIF parse, JUnit parses, every Markdown
   * row and code span closes on its line, every annotation and gcc diagnostic is one line.
   */
  async function lintReportsHold(project: string, cli: (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>): Promise<void> {
    const file = join(project, 'migrations', '999999_hostile_index.up.sql');
    writeFileSync(file, rounds.map((r) => `CREATE INDEX ${quoteIdent(`${r.idx}_x`)} ON ${quoteQualified(r.schema, r.table)} (${quoteIdent(r.c1)});\n`).join(''));
    writeFileSync(join(project, 'migrations', '999999_hostile_index.down.sql'), rounds.map((r) => `DROP INDEX CONCURRENTLY ${quoteQualified(r.schema, `${r.idx}_x`)};\n`).join(''));
    try {
      const lint = async (format: string) => {
        const r = await cli('lint', '--format', format, '--fail-on', 'never');
        expect(r.code, `SG_SEED=${SEED} lint --format ${format}: ${r.stderr}`).toBe(0);
        expect(r.stderr, `SG_SEED=${SEED}`).not.toMatch(/internal error/);
        return r.stdout;
      };
      const findings = (JSON.parse(await lint('json')) as { findings: { rule: string; fix: string }[] }).findings.filter((f) => f.rule === 'SG001');
      expect(findings.length, `SG_SEED=${SEED}`).toBe(rounds.length);
      expect(sarifValidator()(JSON.parse(await lint('sarif'))), `SG_SEED=${SEED}`).toEqual([]);
      expect(new XMLParser({ ignoreAttributes: false }).parse(await lint('junit'), true)).toBeTruthy();
      const md = await lint('markdown');
      for (const line of md.split('\n')) {
        if (line.startsWith('|')) expect(line.trimEnd().endsWith('|'), `SG_SEED=${SEED} ${JSON.stringify(line)}`).toBe(true);
        expect(spansClose(line), `SG_SEED=${SEED} ${JSON.stringify(line)}`).toBe(true);
      }
      expect(md).not.toMatch(/[\r\u2028\u2029]/);
      const all = (JSON.parse(await lint('json')) as { findings: unknown[] }).findings.length;
      const github = (await lint('github')).trimEnd().split('\n').filter((l) => l.startsWith('::'));
      expect(github.length, `SG_SEED=${SEED}`).toBe(all);
      const gcc = (await lint('gcc')).trimEnd().split('\n');
      // Each diagnostic is a line beginning with its file:line:col (a note line may follow it).
      for (const line of gcc.slice(0, -1)) expect(line, `SG_SEED=${SEED}`).toMatch(/^migrations\/\d{6}_[a-z_]+\.(up|down)\.sql:\d+:\d+: (error|warning|note): /);
    } finally {
      rmSync(file, { force: true });
      rmSync(join(project, 'migrations', '999999_hostile_index.down.sql'), { force: true });
    }
  }

  it('migrate generate from models with the same names: up applies, check and lint are clean, NOT NULL columns come in the safe order', async () => {
    const DSL = new URL('../../src/model/index.ts', import.meta.url).pathname;
    const project = mkdtempSync(join(tmpdir(), 'sg-prop-gen-'));
    mkdirSync(join(project, 'migrations'));
    writeFileSync(join(project, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    const j = JSON.stringify;
    const added = rounds.map(() => n());
    const models = (withNotNull: boolean) => [
      `import { enumType, t, table } from ${j(DSL)};`,
      ...rounds.flatMap((r, i) => [
        `export const e${i} = enumType(${j(r.en)}, [${j(r.l1)}, ${j(r.l2)}], { schema: ${j(r.schema)} });`,
        `export const t${i} = table(${j(r.table)}, {`,
        `  id: t.integer().primaryKey(),`,
        `  ${j(r.c1)}: t.text()${withNotNull ? '.notNull()' : ''}.default(${j(r.l1)}),`,
        `  ${j(r.c2)}: t.enumOf(e${i}),`,
        ...(withNotNull ? [`  ${j(added[i])}: t.text().notNull(),`] : []),
        `}, { schema: ${j(r.schema)}, indexes: [{ name: ${j(r.idx)}, columns: [{ column: ${j(r.c1)} }] }], checks: [{ name: ${j(r.con)}, expression: ${j(`length(${quoteIdent(r.c1)}) < 100`)} }] });`,
        `export const p${i} = table(${j(r.pub)}, { ${j(r.c1)}: t.integer(), ${j(r.c2)}: t.text() });`,
      ]),
      '',
    ].join('\n');
    const env = { SCHEMAGUARD_SCRATCH_URL: adminUrl(), DATABASE_URL: undefined };
    const cli = (...args: string[]) => runCli(args, { cwd: project, env, timeoutMs: 240_000 });
    const target = await createTestDatabase('sg_prop_gen');
    try {
      await target.sql.unsafe('create table public.zz_canary (id int primary key); insert into public.zz_canary values (1)');
      const lintClean = async () => {
        const lint = await cli('lint', '--format', 'json');
        const findings = (JSON.parse(lint.stdout) as { findings: { severity: string }[] }).findings;
        expect(findings.filter((f) => f.severity !== 'info'), `SG_SEED=${SEED} ${lint.stdout}`).toEqual([]);
      };

      writeFileSync(join(project, 'models.ts'), models(false));
      const initial = await cli('migrate', 'generate', 'initial');
      expect(initial.code, `SG_SEED=${SEED} ${initial.stderr}`).toBe(0);
      const up = await cli('migrate', 'up', '--db', target.url);
      expect(up.code, `SG_SEED=${SEED} ${up.stderr}`).toBe(0);
      await canaryAlive(target);
      // check builds the migrations on a scratch database and compares them with the models
      // (the target also holds the canary, which no model declares).
      const check = await cli('check');
      expect(check.code, `SG_SEED=${SEED} ${check.stdout}${check.stderr}`).toBe(0);
      await lintClean();
      await lintReportsHold(project, cli);

      // NOT NULL columns on existing tables: the backfill file's guard names each column in a
      // dollar-quoted DO block and a message; a row with NULL stops it, its absence lets it pass.
      writeFileSync(join(project, 'models.ts'), models(true));
      const more = await cli('migrate', 'generate', 'not null');
      expect(more.code, `SG_SEED=${SEED} ${more.stderr}`).toBe(0);
      expect(more.stdout, `SG_SEED=${SEED}`).toMatch(/_not_null_backfill\.up\.sql/);
      await lintClean();
      const first = quoteQualified(rounds[0]!.schema, rounds[0]!.table);
      await target.sql.unsafe(`insert into ${first} (id, ${quoteIdent(rounds[0]!.c2)}) values (1, ${quoteLiteral(rounds[0]!.l2)})`);
      const stopped = await cli('migrate', 'up', '--db', target.url);
      expect(stopped.code, `SG_SEED=${SEED} ${stopped.stderr}`).toBe(3);
      expect(stopped.stderr, `SG_SEED=${SEED}`).toContain('TODO backfill: ');
      await canaryAlive(target);
      await target.sql.unsafe(`delete from ${first}`);
      const finished = await cli('migrate', 'up', '--db', target.url);
      expect(finished.code, `SG_SEED=${SEED} ${finished.stderr}`).toBe(0);
      await canaryAlive(target);
      const converged = await cli('check');
      expect(converged.code, `SG_SEED=${SEED} ${converged.stdout}${converged.stderr}`).toBe(0);
    } finally {
      await target.dispose();
    }
  }, 600_000);

  it('audit fixes that are SQL (missing column, missing enum) apply with psql, clear their findings, and keep the canary', async () => {
    const DSL = new URL('../../src/model/index.ts', import.meta.url).pathname;
    const j = JSON.stringify;
    const db = await createTestDatabase('sg_prop_fix');
    try {
      await db.sql.unsafe('create table public.zz_canary (id int primary key); insert into public.zz_canary values (1)');
      const missing = rounds.map(() => [n(), n(), n()] as const);
      const lines = [`import { enumType, t, table } from ${j(DSL)};`, `export const canary = table('zz_canary', { id: t.integer().primaryKey() });`];
      rounds.forEach((r, i) => {
        const [col, en, label] = missing[i]!;
        lines.push(
          `export const e${i} = enumType(${j(en)}, [${j(label)}]);`,
          `export const p${i} = table(${j(r.pub)}, { ${j(r.c1)}: t.integer(), ${j(r.c2)}: t.text(), ${j(col)}: t.text() });`,
        );
      });
      for (const r of rounds) await db.sql.unsafe(`create table public.${quoteIdent(r.pub)} (${quoteIdent(r.c1)} int, ${quoteIdent(r.c2)} text)`);
      const models = join(dir, 'fix-models.ts');
      writeFileSync(models, `${lines.join('\n')}\n`);
      const audit = async () => {
        const r = await runCli(['audit', '--db', db.url, '--models', models, '--format', 'json', '--fail-on', 'never'], { cwd: dir, timeoutMs: 120_000 });
        expect(r.code, `SG_SEED=${SEED} ${r.stderr}`).toBe(0);
        const doc = JSON.parse(r.stdout) as { tables: { findings: { rule: string; fix: string }[] }[] };
        const all = doc.tables.flatMap((t) => t.findings);
        return all.filter((f) => f.rule === 'missing-column' || f.rule === 'missing-enum');
      };
      const before = await audit();
      expect(before.map((f) => f.rule).sort(), `SG_SEED=${SEED}`).toEqual([...rounds.map(() => 'missing-column'), ...rounds.map(() => 'missing-enum')].sort());
      const file = join(dir, 'fixes.sql');
      // Enums first: a fix is one statement ending in ';'.
      writeFileSync(file, `${[...before].sort((a, b) => (a.rule === b.rule ? 0 : a.rule === 'missing-enum' ? -1 : 1)).map((f) => f.fix).join('\n')}\n`);
      const applied = await psql(db.url, file);
      expect(applied.code, `SG_SEED=${SEED} ${file}\n${applied.out}`).toBe(0);
      await canaryAlive(db);
      expect(await audit(), `SG_SEED=${SEED}`).toEqual([]);
    } finally {
      await db.dispose();
    }
  }, 300_000);

  it('audit in every format: json parses, junit parses, markdown keeps one row per finding', async () => {
    const models = join(dir, 'models.ts');
    const DSL = new URL('../../src/model/index.ts', import.meta.url).pathname;
    writeFileSync(models, `import { t, table } from ${JSON.stringify(DSL)};\nexport const canary = table('zz_canary', { id: t.integer().primaryKey() });\n`);
    const run = (format: string) => runCli(['audit', '--db', full.url, '--models', models, '--format', format, '--fail-on', 'never'], { cwd: dir, timeoutMs: 120_000 });
    const json = await run('json');
    expect(json.code, `SG_SEED=${SEED} ${json.stderr}`).toBe(0);
    const report = JSON.parse(json.stdout) as unknown;
    // Every hostile public table is reported (extra tables), its name intact after parsing.
    expect(JSON.stringify(report)).toContain(JSON.stringify(names[10]!).slice(1, -1));
    const junit = await run('junit');
    expect(junit.code, junit.stderr).toBe(0);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit.stdout, true) as unknown;
    expect(parsed).toBeTruthy();
    const md = await run('markdown');
    expect(md.code, md.stderr).toBe(0);
    // A table row is one line starting and ending with an unescaped pipe; no name may leave one.
    for (const line of md.stdout.split('\n')) {
      if (line.startsWith('|')) expect(line.trimEnd().endsWith('|'), `SG_SEED=${SEED} ${JSON.stringify(line)}`).toBe(true);
    }
    expect(md.stdout).not.toMatch(/[\r\u2028\u2029]/);
    // Every code span closes on its line: an even count of backtick fences outside escapes.
    for (const line of md.stdout.split('\n')) expect(spansClose(line), `SG_SEED=${SEED} ${JSON.stringify(line)}`).toBe(true);
    // The CI formats: SARIF validates, an annotation and a gcc diagnostic are one line each.
    const findings = (report as { tables: { findings: { fix: string }[] }[] }).tables.flatMap((t) => t.findings);
    const sarif = await run('sarif');
    expect(sarifValidator()(JSON.parse(sarif.stdout)), `SG_SEED=${SEED}`).toEqual([]);
    const github = (await run('github')).stdout.trimEnd().split('\n');
    expect(github.filter((l) => l.startsWith('::')).length, `SG_SEED=${SEED}`).toBe(findings.length);
    expect(github.length).toBe(findings.length + 1);
    const gcc = (await run('gcc')).stdout.trimEnd().split('\n');
    expect(gcc.length, `SG_SEED=${SEED}`).toBe(findings.length + findings.filter((f) => f.fix !== '').length + 1);
    const cq = JSON.parse((await run('codequality')).stdout) as unknown[];
    expect(cq.length).toBe(findings.length);
    await canaryAlive(full);
  }, 300_000);

  it('diff --format sql builds every hostile object in the bare database, and converges', async () => {
    await applyDiff(bare, full, 'build');
  }, 300_000);

  it('diff --format sql drops every hostile object again, and converges; the canary survives', async () => {
    const fresh = await createTestDatabase('sg_prop_empty');
    try {
      await fresh.sql.unsafe('create table public.zz_canary (id int primary key); insert into public.zz_canary values (1)');
      await applyDiff(full, fresh, 'drop');
    } finally {
      await fresh.dispose();
    }
  }, 300_000);
});
