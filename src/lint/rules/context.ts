// What a statement rule sees: the statement (or a statement inside a DO block), the file's
// transaction model, what this file created so far, and a way to report.
import type { AlterTableCmd, AlterTableStmt, ColumnDef } from 'libpg-query';
import { body, tableRef, type TableRef } from '../ast.js';
import type { History } from '../history.js';
import type { RuleId } from '../rules.js';
import type { SqlSource } from '../source.js';
import type { Unit } from '../units.js';

export interface FileState {
  readonly source: SqlSource;
  /** A `.down.sql`: it undoes its up file, so expand/contract rules (drops, renames) stay quiet. */
  readonly down: boolean;
  /** The file runs in one transaction (no `-- schemaguard:no-transaction`, no --assume-no-transaction). */
  readonly transactional: boolean;
  /** --assume-no-transaction: the team's runner, not schemaguard, runs the files (outside a transaction). */
  readonly assumeNoTransaction: boolean;
  /** Tables created by this file (keys of tableKey). */
  readonly createdTables: Set<string>;
  /** Indexes created by this file, or on a table it created (lower-case, unqualified). */
  readonly createdIndexes: Set<string>;
  /** Constraints added NOT VALID in this file: name → the transaction that holds its lock. */
  readonly notValid: Map<string, { readonly table: string; readonly txn: number; readonly offset: number }>;
}

export interface RuleContext {
  readonly file: FileState;
  readonly unit: Unit;
  /** The unit's node body ({...} of {AlterTableStmt: {...}}). */
  readonly node: Record<string, unknown>;
  readonly history: History;
  /** The unit runs inside a transaction (its file's, or the DO block's own). */
  readonly inTransaction: boolean;
  /** Which transaction: -1 for the whole file, else the file statement's index. */
  readonly txn: number;
  /** A table that existed before this file (not created by it). */
  existing(t: TableRef): boolean;
  /** A column this file added (to a table that existed): it has no old readers either. */
  addedHere(t: TableRef, column: string): boolean;
  /** Report at a node location (relative to the unit's text), or at the statement when undefined. */
  add(rule: RuleId, location: number | undefined, message: string, fix: string): void;
}

export type StatementRule = (ctx: RuleContext) => void;

/**
 * The commands of an ALTER TABLE on a table that existed before this file (most rules about
 * live tables start here); none for another statement, a new table, or another object kind
 * unless `anyKind` (ALTER TABLE … DETACH PARTITION also names partitioned tables).
 */
export function alterCommandsOnExisting(ctx: RuleContext, anyKind = false): { table: TableRef; cmds: AlterTableCmd[] } | null {
  if (ctx.unit.kind !== 'AlterTableStmt') return null;
  const a = ctx.node as AlterTableStmt;
  if (!anyKind && a.objtype !== 'OBJECT_TABLE') return null;
  // Several rules ask for each ALTER TABLE's commands: read them once. Whether the table
  // existed is asked each time (this statement's own effects are recorded after the rules).
  let found = commands.get(ctx.unit);
  if (found === undefined) commands.set(ctx.unit, (found = readCommands(a)));
  return found && ctx.existing(found.table) ? found : null;
}

const commands = new WeakMap<object, { table: TableRef; cmds: AlterTableCmd[] } | null>();

function readCommands(a: AlterTableStmt): { table: TableRef; cmds: AlterTableCmd[] } | null {
  const table = tableRef(a.relation);
  if (!table) return null;
  const cmds: AlterTableCmd[] = [];
  for (const n of a.cmds ?? []) {
    const c = body<AlterTableCmd>(n, 'AlterTableCmd');
    if (c) cmds.push(c);
  }
  return { table, cmds };
}

/** The columns an ALTER TABLE adds to a table that existed before this file. */
export function columnsAddedToExisting(ctx: RuleContext): { table: TableRef; columns: (ColumnDef & { colname: string })[] } | null {
  const alter = alterCommandsOnExisting(ctx);
  if (!alter) return null;
  const columns: (ColumnDef & { colname: string })[] = [];
  for (const cmd of alter.cmds) {
    const c = cmd.subtype === 'AT_AddColumn' ? body<ColumnDef>(cmd.def, 'ColumnDef') : undefined;
    if (c?.colname) columns.push(c as ColumnDef & { colname: string });
  }
  return { table: alter.table, columns };
}
