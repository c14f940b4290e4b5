// Property test for issue 17: names built by a seeded PRNG from hostile fragments (newline,
// CR, tab, control characters, `*/`, `--`, `;`, quotes, backslashes, U+2028/U+2029, reserved
// words, 63-byte names) for schemas, tables, columns, indexes, constraints, enums and views.
// Each run builds them in a database and runs diff --format sql both ways (applied with psql,
// re-diff empty) and audit in every format (each parses); a canary table must survive.
// SG_SEED=<n> replays a run; the seed is printed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../src/schema/quote.js';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
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
