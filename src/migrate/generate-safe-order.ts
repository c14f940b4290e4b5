// The order `migrate generate` writes a NOT NULL column (and any validation) in, so that no
// step scans or rewrites a table with rows while holding the lock that blocks its readers, and
// no step leaves the application unable to update its old rows (issue 16):
//
//   main file      ADD COLUMN c (nullable), ALTER COLUMN c SET DEFAULT (a volatile one)
//   backfill file  the backfill of existing rows (the default's UPDATE, or a marked placeholder
//                  the user fills), a guard that stops the file while c still holds NULL, then
//                  ADD CONSTRAINT c_not_null CHECK (c IS NOT NULL) NOT VALID (no scan)
//   validate file  VALIDATE CONSTRAINT: a scan under a lock that lets reads and writes through
//   not-null file  SET NOT NULL (no scan: the validated check proves it), drop the helper check
//
// Each file is its own transaction: the ACCESS EXCLUSIVE lock of an ADD is released before the
// backfill or the scan starts. The check comes after the backfill because PostgreSQL enforces a
// NOT VALID check on every row an UPDATE writes: added before, it would refuse any update of an
// old row (the application's, and a backfill of one column while another is still NULL).
// The planner's statements are found by their exact text (it writes them with the same ddl.ts
// functions), never rewritten by pattern; anything not recognised stays as the planner wrote it.
import type { Change, ChangeOf } from '../diff/changes.js';
import { columnDefinition, q } from '../plan/ddl.js';
import { shortName } from '../plan/names.js';
import type { Hazard, Plan, PlannedStatement } from '../plan/types.js';
import { quoteIdent, quoteLiteral } from '../schema/quote.js';
import type { Column, QualifiedName, Schema } from '../schema/types.js';

export type Stage = 'main' | 'backfill' | 'validate' | 'not-null';

export interface StagedStatement extends PlannedStatement {
  readonly stage: Stage;
}

/** Existing rows of a column that becomes NOT NULL: filled by `sql`, or (null) by the user. */
export interface Backfill {
  readonly table: QualifiedName;
  readonly column: string;
  /** The UPDATE generate wrote (from the column's default), or null: a placeholder the user fills. */
  readonly sql: string | null;
}

export interface SafeOrder {
  /** In file order: main, backfill, validate, not-null; the plan's order within each. */
  readonly statements: readonly StagedStatement[];
  readonly backfills: readonly Backfill[];
}

// Defaults PostgreSQL evaluates per row: ADD COLUMN with one rewrites the table (the planner's
// and lint's lists, joined).
const VOLATILE = /\b(gen_random_uuid|uuid_generate_v[14](mc)?|uuidv[47]|random|random_normal|clock_timestamp|timeofday|txid_current|nextval)\s*\(/i;

const VALIDATE = /^ALTER TABLE "(?:[^"]|"")*"\."(?:[^"]|"")*" VALIDATE CONSTRAINT "(?:[^"]|"")*"$/;

interface Staging {
  /** Planner statements (by change kind and exact SQL) replaced by these. */
  readonly replaced: Map<string, readonly StagedStatement[]>;
  /** Planner statements (by change kind and exact SQL) moved to a later stage. */
  readonly restaged: Map<string, Stage>;
  /** Backfill-stage statements, in their order in the file: updates, guards, checks. */
  readonly updates: StagedStatement[];
  readonly guards: StagedStatement[];
  readonly checks: StagedStatement[];
  readonly backfills: Backfill[];
}

/** The plan's statements, each given the file stage it belongs in. */
export function safeOrder(p: Plan, changes: readonly Change[], schemas: { readonly from: Schema; readonly to: Schema }): SafeOrder {
  const key = (t: QualifiedName) => `${t.schema}.${t.name}`;
  const added = new Set(changes.flatMap((c) => (c.kind === 'AddTable' ? [key(c.table)] : [])));
  const plainTable = (t: QualifiedName) => {
    const table = schemas.to.tables.find((x) => key(x) === key(t));
    // NOT VALID checks are refused on partitioned tables; a partition follows its parent.
    return table !== undefined && table.kind !== 'partitioned' && table.partitionOf === null && !added.has(key(t));
  };
  const inPrimaryKey = (t: QualifiedName, column: string) =>
    schemas.to.tables.find((x) => key(x) === key(t))?.primaryKey?.columns.includes(column) ?? false;
  const staging: Staging = { replaced: new Map(), restaged: new Map(), updates: [], guards: [], checks: [], backfills: [] };
  const planned = new Set(p.statements.map((s) => `${s.change}|${s.sql}`));
  for (const c of changes) {
    // A column that joins a new primary key gets its NOT NULL from the key, before any backfill.
    if (c.kind === 'AddColumn' && plainTable(c.table) && !inPrimaryKey(c.table, c.column.name)) addColumnInOrder(c, planned, staging);
    if (c.kind === 'ModifyColumn' && plainTable(c.table)) setNotNullInOrder(c, planned, staging);
  }

  const main: StagedStatement[] = [];
  const validate: StagedStatement[] = [];
  const notNull: StagedStatement[] = [];
  const byStage: Record<Stage, StagedStatement[]> = { main, backfill: staging.checks, validate, 'not-null': notNull };
  for (const s of p.statements) {
    const id = `${s.change}|${s.sql}`;
    const instead = staging.replaced.get(id);
    if (instead) {
      for (const r of instead) byStage[r.stage].push(r);
      continue;
    }
    // Every VALIDATE (of checks and foreign keys added NOT VALID too) runs after the adds committed.
    const stage = staging.restaged.get(id) ?? (s.transactional && VALIDATE.test(s.sql) ? 'validate' : 'main');
    byStage[stage].push({ ...s, stage });
  }
  return { statements: [...main, ...staging.updates, ...staging.guards, ...staging.checks, ...validate, ...notNull], backfills: staging.backfills };
}

const hz = (kind: Hazard['kind'], message: string): Hazard => ({ kind, message });

function staged(change: Change['kind'], stage: Stage, sql: string, reverse: readonly string[], hazards: readonly Hazard[] = []): StagedStatement {
  return { sql, reverse, transactional: true, hazards, change, stage };
}

/** The helper check's name: the planner's, so a ModifyColumn and an AddColumn agree. */
function helperCheck(table: QualifiedName, column: string): string {
  return shortName(`${table.name}_${column}_not_null`);
}

/**
 * ADD COLUMN … NOT NULL without a default fails on a table with rows, and one with a volatile
 * default rewrites it: add the column nullable, backfill, check, validate, then SET NOT NULL.
 */
function addColumnInOrder(c: ChangeOf<'AddColumn'>, planned: ReadonlySet<string>, staging: Staging): void {
  const col = c.column;
  if (col.identity || col.generated) return;
  const volatile = col.default !== null && VOLATILE.test(col.default);
  if (!volatile && !(col.notNull && col.default === null)) return;
  const original = `ALTER TABLE ${q(c.table)} ADD COLUMN ${columnDefinition(col)}`;
  if (!planned.has(`${c.kind}|${original}`)) return;
  const t = q(c.table);
  const name = quoteIdent(col.name);
  const nullable: Column = { ...col, notNull: false, default: volatile ? null : col.default };
  const instead: StagedStatement[] = [staged(c.kind, 'main', `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(nullable)}`, [`ALTER TABLE ${t} DROP COLUMN ${name}`])];
  // New rows get the default from here on; existing ones are filled by the backfill.
  if (volatile) instead.push(staged(c.kind, 'main', `ALTER TABLE ${t} ALTER COLUMN ${name} SET DEFAULT ${col.default}`, []));
  staging.replaced.set(`${c.kind}|${original}`, instead);
  const update = volatile ? `UPDATE ${t} SET ${name} = ${col.default} WHERE ${name} IS NULL` : null;
  if (update) staging.updates.push(staged(c.kind, 'backfill', update, [], [hz('blocking-lock', `updates every existing row of ${c.table.name} in one transaction (row locks until it commits)`)]));
  if (!col.notNull) return;
  if (!update) staging.guards.push(guard(c.kind, c.table, col.name));
  staging.backfills.push({ table: c.table, column: col.name, sql: update });
  const check = quoteIdent(helperCheck(c.table, col.name));
  const dropCheck = `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${check}`;
  instead.push(
    staged(c.kind, 'backfill', `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${name} IS NOT NULL) NOT VALID`, [dropCheck], [hz('blocking-lock', 'brief lock to add the check, no scan; new rows must give a value from here on')]),
    staged(c.kind, 'validate', `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check}`, [], [hz('may-fail', `fails while an existing row holds NULL in ${col.name}`)]),
    staged(c.kind, 'not-null', `ALTER TABLE ${t} ALTER COLUMN ${name} SET NOT NULL`, [`ALTER TABLE ${t} ALTER COLUMN ${name} DROP NOT NULL`]),
    staged(c.kind, 'not-null', dropCheck, []),
  );
}

/**
 * The planner's SET NOT NULL of an existing column (NOT VALID check, VALIDATE, SET NOT NULL,
 * drop the check, all in one transaction) spread over the stages, with a guard for existing
 * NULLs. Left whole when the same change adds an identity, which needs the NOT NULL at once.
 */
function setNotNullInOrder(c: ChangeOf<'ModifyColumn'>, planned: ReadonlySet<string>, staging: Staging): void {
  if (!c.changes.nullability || !c.to.notNull) return;
  if (c.changes.identity && c.to.identity) return;
  const t = q(c.table);
  const name = quoteIdent(c.to.name);
  const check = quoteIdent(helperCheck(c.table, c.to.name));
  const addCheck = `ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${name} IS NOT NULL) NOT VALID`;
  const chain = [addCheck, `ALTER TABLE ${t} VALIDATE CONSTRAINT ${check}`, `ALTER TABLE ${t} ALTER COLUMN ${name} SET NOT NULL`, `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${check}`];
  if (!chain.every((sql) => planned.has(`${c.kind}|${sql}`))) return;
  const [, validate, setNotNull, dropCheck] = chain as [string, string, string, string];
  staging.restaged.set(`${c.kind}|${addCheck}`, 'backfill');
  staging.restaged.set(`${c.kind}|${validate}`, 'validate');
  staging.restaged.set(`${c.kind}|${setNotNull}`, 'not-null');
  staging.restaged.set(`${c.kind}|${dropCheck}`, 'not-null');
  staging.guards.push(guard(c.kind, c.table, c.to.name));
  staging.backfills.push({ table: c.table, column: c.to.name, sql: null });
}

/**
 * A statement that stops the backfill file, before the check is added, while the column still
 * holds NULL: the file rolls back whole and, not yet applied, can be edited and run again.
 */
function guard(kind: Change['kind'], table: QualifiedName, column: string): StagedStatement {
  const message = `TODO backfill: ${q(table)}.${quoteIdent(column)} still holds NULL in existing rows: write its backfill where this file's TODO comment says, then run migrate up again`;
  // USING MESSAGE takes the text as it is (a RAISE format string would read % in a name).
  const body = `BEGIN IF EXISTS (SELECT FROM ${q(table)} WHERE ${quoteIdent(column)} IS NULL) THEN RAISE EXCEPTION USING MESSAGE = ${quoteLiteral(message)}; END IF; END`;
  return staged(kind, 'backfill', `DO ${dollarQuote(body)}`, [], [hz('may-fail', `fails while an existing row holds NULL in ${column}: the backfill above is to be written`)]);
}

/** `body` in dollar quotes whose tag it does not contain (a name may hold `$sg$`). */
function dollarQuote(body: string): string {
  let tag = '$sg$';
  for (let i = 1; body.includes(tag); i++) tag = `$sg${i}$`;
  return `${tag}${body}${tag}`;
}
