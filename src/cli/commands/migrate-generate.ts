// `schemaguard migrate generate NAME`: the next up/down pair, from the difference between what
// migrations/ builds (on a throwaway database) and what the models declare. Afterwards
// `schemaguard check` passes, and the down restores the previous schema.
import { open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { commentText, quoteIdent, quoteQualified, sqlComment } from '../../schema/quote.js';
import { safeOrder, type Backfill, type SafeOrder, type Stage } from '../../migrate/generate-safe-order.js';
import { plan } from '../../plan/plan.js';
import { changesWithRenames, renameLabel } from '../../plan/renames.js';
import type { Plan, PlannedStatement } from '../../plan/types.js';
import type { Schema } from '../../schema/types.js';
import { diff } from '../../diff/index.js';
import { lintMigrations } from '../../lint/lint.js';
import { lintSummary, renderLint } from '../../report/lint.js';
import { renderPlanSql, renderReverseSql } from '../../report/plan.js';
import { renderGenerateJson } from '../../report/migrate-json.js';
import { info, out, type CommandContext } from '../context.js';
import { loadModelsSchema, modelNamespaces, modelScope, resolveConfig } from '../models.js';
import { confirmRenames, parseRenameSpecs } from '../renames.js';
import { loadSource, ScratchServer } from '../sources.js';

export interface GenerateFlags {
  readonly rename?: string[];
  /** Write steps that delete data (drops, unconfirmed renames planned as drop + add) off a terminal. */
  readonly acceptDataLoss?: boolean;
  /** json: one document on stdout instead of the written paths (docs/json-output.md). */
  readonly format?: 'text' | 'json';
}

/** The directive the migrate runner reads to run a file statement by statement, outside a transaction. */
export const NO_TRANSACTION = '-- schemaguard:no-transaction';

export async function generateCommand(ctx: CommandContext, name: string, flags: GenerateFlags): Promise<ExitCode> {
  const label = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!label) throw new UsageError(`migration name must contain letters or digits, not "${name}"`);
  const specs = parseRenameSpecs(flags.rename);
  const config = await resolveConfig(ctx);
  const models = await loadModelsSchema(ctx, config);
  const namespaces = modelNamespaces(config, models);
  const built = await loadSource({ kind: 'migrations' }, ctx, { migrationsDir: config.migrations }, new ScratchServer(ctx));
  const from = modelScope(built.schema, namespaces);
  const to = modelScope(models, namespaces);
  const confirmed = await confirmRenames(ctx, from, to, specs, true, parseRenameSpecs(config.renames));
  const changes = changesWithRenames(from, to, (c) => confirmed.has(renameLabel(c)));
  if (changes.length === 0) {
    info(ctx, 'nothing to generate: the migrations already build what the models declare');
    if (flags.format === 'json') out(ctx, renderGenerateJson({ files: [], statements: 0, changes: 0, hazards: [] }));
    return ExitCode.Clean;
  }
  const p = plan(changes, { from, to });
  // Off a terminal nobody saw the prompt or the warnings: refuse rather than write SQL that
  // destroys data (issue 16). On a terminal the rename prompt above was the confirmation.
  if (!ctx.stdin.isTTY && !flags.acceptDataLoss) {
    const refusals = unconfirmedSteps(from, to, confirmed, p);
    if (refusals.length > 0) {
      for (const r of refusals) info(ctx, `schemaguard: ${r}`);
      info(ctx, `migrate generate: nothing written: ${refusals.length} step${refusals.length === 1 ? '' : 's'} would lose data; confirm each as named above`);
      if (flags.format === 'json') out(ctx, renderGenerateJson({ files: [], statements: p.statements.length, changes: changes.length, hazards: [], refused: refusals }));
      return ExitCode.Drift;
    }
  }
  const staged = safeOrder(p, changes, { from, to });
  const files = splitPlan(staged, label, Number(await nextNumber(config.migrations)));
  const written: string[] = [];
  for (const f of files) {
    const upPath = join(config.migrations, `${f.base}.up.sql`);
    const downPath = join(config.migrations, `${f.base}.down.sql`);
    await writeNew(upPath, f.up);
    await writeNew(downPath, f.down);
    written.push(upPath, downPath);
  }
  const hazards = [...new Set(staged.statements.flatMap((s) => s.hazards.map((h) => h.kind)))];
  if (flags.format === 'json') {
    const rel = (w: string) => relative(ctx.cwd, w);
    out(ctx, renderGenerateJson({ files: files.map((f) => ({ up: rel(join(config.migrations, `${f.base}.up.sql`)), down: rel(join(config.migrations, `${f.base}.down.sql`)) })), statements: staged.statements.length, changes: changes.length, hazards }));
  } else out(ctx, written.map((w) => relative(ctx.cwd, w)).join('\n'));
  const todo = staged.backfills.filter((b) => b.sql === null);
  const backfillFile = files.find((f) => f.stage === 'backfill');
  if (todo.length > 0 && backfillFile) {
    const names = todo.map((b) => `${b.table.name}.${b.column}`).join(', ');
    info(ctx, commentText(`${backfillFile.base}.up.sql: TODO backfill ${names} (see its comment): on a table with NULL there it stops and rolls back until written`));
  }
  info(ctx, `generated ${staged.statements.length} statement${staged.statements.length === 1 ? '' : 's'} from ${changes.length} change${changes.length === 1 ? '' : 's'} in ${files.length} migration${files.length === 1 ? '' : 's'}${hazards.length ? ` (hazards: ${hazards.join(', ')}; see the comments)` : ''}`);
  // What was written is linted as `schemaguard lint` would (issue 16): clean by construction,
  // and a finding here is shown rather than left for the next CI run to discover.
  const lint = await lintMigrations({ files: written, migrationsDir: config.migrations, cwd: ctx.cwd });
  if (lint.findings.length === 0) info(ctx, `lint: ${lintSummary(lint)}`);
  else info(ctx, `lint of the generated files:\n${renderLint(lint, 'table', ctx.color && Boolean(ctx.stderr.isTTY))}`);
  return ExitCode.Clean;
}

/** One line per unconfirmed likely rename and per step with a deletes-data hazard, each naming the flag that accepts it. */
function unconfirmedSteps(from: Schema, to: Schema, confirmed: ReadonlySet<string>, p: Plan): string[] {
  const out: string[] = [];
  for (const c of diff(from, to)) {
    if ((c.kind !== 'RenameTable' && c.kind !== 'RenameColumn') || confirmed.has(renameLabel(c))) continue;
    const flag = c.kind === 'RenameTable' ? `${c.from.name}:${c.to.name}` : `${c.table.name}.${c.from.name}:${c.to.name}`;
    out.push(`likely rename ${renameLabel(c)} is unconfirmed: pass --rename ${flag} to rename, or --accept-data-loss to drop and add`);
  }
  for (const s of p.statements) {
    for (const h of s.hazards) if (h.kind === 'deletes-data') out.push(`${firstLine(s.sql)}: ${h.message}: pass --accept-data-loss to write it`);
  }
  return out;
}

function firstLine(sql: string): string {
  const line = sql.split('\n')[0]!;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

interface GeneratedFile {
  readonly base: string;
  readonly stage: Stage;
  readonly up: string;
  readonly down: string;
}

const CONCURRENT = /\bCONCURRENTLY\b/i;

/**
 * The plan as migration pairs. A statement that cannot run in a transaction gets a file of its
 * own (run statement by statement, re-runnable through IF NOT EXISTS / IF EXISTS), so that a
 * failure never leaves half of a mixed file committed (issue 16): enum labels first (later
 * statements may use them), then one transactional file with everything else, then each
 * concurrent index build, then the few statements that need those indexes (ADD CONSTRAINT …
 * USING INDEX, the foreign keys onto those constraints) in a last transactional file. After
 * them, in transactions of their own (generate-safe-order.ts): the backfills and VALIDATEs,
 * then the SET NOT NULLs the validated checks prove.
 */
function splitPlan(staged: SafeOrder, label: string, first: number): GeneratedFile[] {
  const before: PlannedStatement[] = [];
  const main: PlannedStatement[] = [];
  const outside: PlannedStatement[] = [];
  const after: PlannedStatement[] = [];
  // Names (quoted) whose objects are built outside the main transaction: statements naming them wait.
  const later = new Set<string>();
  const laterTables = new Set<string>();
  for (const s of staged.statements.filter((x) => x.stage === 'main')) {
    if (!s.transactional) {
      const stmt = rerunnable(s);
      if (CONCURRENT.test(s.sql)) {
        outside.push(stmt);
        const name = /^CREATE (?:UNIQUE )?INDEX CONCURRENTLY (?:IF NOT EXISTS )?("(?:[^"]|"")*")/i.exec(stmt.sql)?.[1];
        if (name) later.add(name);
      } else if (main.length === 0 && outside.length === 0) {
        before.push(stmt);
      } else {
        outside.push(stmt);
      }
      continue;
    }
    const waits = [...later].some((n) => s.sql.includes(n)) || [...laterTables].some((t) => s.sql.includes(` REFERENCES ${t}`));
    if (!waits) {
      main.push(s);
      continue;
    }
    after.push(s);
    const added = /^ALTER TABLE ((?:"(?:[^"]|"")*"\.)?"(?:[^"]|"")*") ADD CONSTRAINT ("(?:[^"]|"")*")/.exec(s.sql);
    if (added) {
      later.add(added[2]!);
      laterTables.add(added[1]!);
    }
  }
  const files: GeneratedFile[] = [];
  const push = (suffix: string, stage: Stage, statements: readonly PlannedStatement[], transactional: boolean, why: string, notes: readonly string[] = []) => {
    if (statements.length === 0) return;
    const base = `${String(first + files.length).padStart(6, '0')}_${label}${suffix}`;
    const sub: Plan = { statements };
    const directive = transactional ? '' : `${NO_TRANSACTION}\n`;
    // The notes hold names: made inert line by line before the header is split into comment lines.
    const header = `${base}: generated by schemaguard migrate generate from the difference between migrations/ and the models.\n${why}${notes.length ? `\n\n${notes.map(commentText).join('\n')}` : ''}`;
    files.push({
      base,
      stage,
      up: `${directive}${renderPlanSql(sub, header)}`,
      down: `${directive}${sqlComment(`${base} (down): undoes the up migration, last statement first.`)}\n\n${renderReverseSql(sub)}`,
    });
  };
  for (const s of before) push('_enum_value', 'main', [s], false, 'Runs outside a transaction (a new enum label), alone in its file; IF NOT EXISTS makes it re-runnable.');
  push('', 'main', main, true, 'Runs in one transaction: it commits whole or not at all.');
  for (const s of outside) push(`_${fileLabel(indexOf(s.sql))}`, 'main', [s], false, 'Runs outside a transaction (CONCURRENTLY), alone in its file; IF NOT EXISTS makes it re-runnable.');
  push('_constraints', 'main', after, true, 'Runs in one transaction, after the index builds it needs.');
  push('_backfill', 'backfill', staged.statements.filter((x) => x.stage === 'backfill'), true,
    'Runs in its own transaction, after the columns were added: fills existing rows, then adds each NOT NULL check NOT VALID (no scan).',
    backfillNotes(staged.backfills.filter((b) => b.sql === null)));
  push('_validate', 'validate', staged.statements.filter((x) => x.stage === 'validate'), true,
    'Runs in its own transaction: VALIDATE scans the table under a lock that lets reads and writes through.');
  push('_not_null', 'not-null', staged.statements.filter((x) => x.stage === 'not-null'), true,
    'Runs in its own transaction: SET NOT NULL needs no scan once the check is validated; the helper check then goes.');
  return files;
}

/** The marked placeholder for the backfills the user must write, as comment lines. */
function backfillNotes(todo: readonly Backfill[]): string[] {
  if (todo.length === 0) return [];
  const name = (b: Backfill) => [quoteQualified(b.table.schema, b.table.name), quoteIdent(b.column)] as const;
  return [
    `TODO backfill: ${todo.length === 1 ? 'this column becomes' : 'these columns become'} NOT NULL, and existing rows may hold NULL in ${todo.length === 1 ? 'it' : 'them'}:`,
    ...todo.map((b) => `  ${name(b).join('.')}`),
    'Write the backfill here, before the statements below, for example:',
    ...todo.map((b) => {
      const [t, c] = name(b);
      return `  UPDATE ${t} SET ${c} = <value> WHERE ${c} IS NULL;`;
    }),
    'Until then a DO guard below stops this file (it rolls back whole) on a table with such rows; with none it passes.',
    'A large table is better backfilled in batches, by a migration outside a transaction before this one.',
  ];
}

/** The statement (and its reverse) re-runnable: a file run outside a transaction may be retried after a partial run. */
function rerunnable(s: PlannedStatement): PlannedStatement {
  const fix = (sql: string) => sql
    .replace(/^CREATE (UNIQUE )?INDEX CONCURRENTLY (?!IF NOT EXISTS )/i, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX CONCURRENTLY IF NOT EXISTS `)
    .replace(/^DROP INDEX CONCURRENTLY (?!IF EXISTS )/i, 'DROP INDEX CONCURRENTLY IF EXISTS ')
    .replace(/^(ALTER TYPE \S+ ADD VALUE )(?!IF NOT EXISTS )/i, '$1IF NOT EXISTS ');
  return { ...s, sql: fix(s.sql), reverse: s.reverse.map(fix) };
}

/** The index an outside-transaction statement builds or drops, for its file name. */
function indexOf(sql: string): string {
  const m = /INDEX CONCURRENTLY (?:IF (?:NOT )?EXISTS )?(?:"(?:[^"]|"")*"\.)?"((?:[^"]|"")*)"/i.exec(sql);
  return m ? `${/^DROP/i.test(sql) ? 'drop_' : ''}${m[1]!.replace(/""/g, '"')}` : 'outside_transaction';
}

function fileLabel(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'index';
}

async function nextNumber(dir: string): Promise<string> {
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UsageError(`migrations directory ${dir} does not exist`);
  }
  const max = names.reduce((m, n) => Math.max(m, /^(\d+)_/.exec(n) ? Number(/^(\d+)_/.exec(n)![1]) : 0), 0);
  return String(max + 1).padStart(6, '0');
}

async function writeNew(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : (error as Error).message}`);
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
