// SG003: a statement that rewrites or scans a table that existed before this file, holding
// ACCESS EXCLUSIVE all the while: ADD COLUMN with a volatile default, an identity, a serial or a
// stored generated expression (a rewrite); SET NOT NULL without a validated CHECK (col IS NOT
// NULL) before it (a scan); a type change PostgreSQL cannot make in place (a rewrite, indexes
// rebuilt). The replay (checks.ts) calls these at each ALTER TABLE command, with the table as
// the commands before it left it (a CHECK added earlier in the same statement counts).
import type { ColumnDef, Constraint } from 'libpg-query';
import { VOLATILE_FUNCTIONS } from '../../schema/volatility.js';
import { formatType, functionNames, typeInfo, type TypeInfo } from '../ast.js';
import type { RuleId } from '../rules.js';

/** Report at a node location (relative to the statement), or at the statement when undefined. */
export type Report = (rule: RuleId, location: number | undefined, message: string, fix: string) => void;

const SERIAL = new Set(['serial', 'serial4', 'serial8', 'bigserial', 'smallserial', 'serial2']);

/** ADD COLUMN on an existing table: SG003 when the column rewrites it. True when reported. */
export function addColumnRewrite(add: Report, table: string, col: ColumnDef & { colname: string }, cons: readonly Constraint[]): boolean {
  const type = typeInfo(col.typeName);
  const def = cons.find((c) => c.contype === 'CONSTR_DEFAULT');
  const identity = cons.find((c) => c.contype === 'CONSTR_IDENTITY');
  const generated = cons.find((c) => c.contype === 'CONSTR_GENERATED');
  const serial = type && SERIAL.has(type.name);
  const volatile = def ? functionNames(def.raw_expr).find((f) => VOLATILE_FUNCTIONS.has(f)) : undefined;
  const rewrite = volatile
    ? `a volatile default ${volatile}()`
    : identity ? 'an identity' : serial ? `a ${type!.name} default` : generated ? 'a stored generated expression' : undefined;
  if (!rewrite) return false;
  add(
    'SG003',
    col.location,
    `ADD COLUMN ${col.colname} with ${rewrite} rewrites existing table ${table} under an ACCESS EXCLUSIVE lock`,
    'add the column without that default, set the default afterwards, and backfill existing rows in batches',
  );
  return true;
}

/** SET NOT NULL on an existing table whose column no validated check proves NOT NULL. */
export function setNotNullScan(add: Report, table: string, column: string): void {
  add(
    'SG003',
    undefined,
    `ALTER COLUMN ${column} SET NOT NULL scans all of existing table ${table} under an ACCESS EXCLUSIVE lock`,
    `ADD CONSTRAINT … CHECK (${column} IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (no scan on PostgreSQL 12+) and drop the check`,
  );
}

/** ALTER COLUMN … TYPE on an existing table: SG003 unless the change is binary-compatible (and has no USING). */
export function typeChangeRewrite(add: Report, table: string, column: string, def: ColumnDef, from: TypeInfo | undefined, to: TypeInfo | undefined): void {
  if (to && from && !def.raw_default && binaryCompatible(from, to)) return;
  const was = from ? ` from ${formatType(from)}` : '';
  add(
    'SG003',
    def.location,
    `ALTER COLUMN ${column} TYPE ${to ? formatType(to) : '…'}${was} rewrites existing table ${table} and its indexes under an ACCESS EXCLUSIVE lock`,
    'add a new column, backfill it in batches and switch over; or pick a change that needs no rewrite (varchar to a longer varchar or text)',
  );
}

/** Type changes PostgreSQL makes without rewriting the table (binary-coercible, wider typmod). */
export function binaryCompatible(from: TypeInfo, to: TypeInfo): boolean {
  if (from.array !== to.array) return false;
  const same = from.name === to.name;
  if (same && from.mods.join(',') === to.mods.join(',')) return true;
  const varchar = (n: string) => n === 'varchar' || n === 'text';
  if (varchar(from.name) && to.name === 'text') return true;
  if (varchar(from.name) && to.name === 'varchar') {
    if (to.mods.length === 0) return true;
    return from.name === 'varchar' && from.mods.length > 0 && to.mods[0]! >= from.mods[0]!;
  }
  if (same && (from.name === 'numeric' || from.name === 'varbit' || from.name === 'bit varying')) {
    if (to.mods.length === 0) return true;
    if (from.mods.length === 0) return false;
    const [fp, fs = 0] = from.mods;
    const [tp, ts = 0] = to.mods;
    return from.name === 'numeric' ? ts === fs && tp! >= fp! : tp! >= fp!;
  }
  return false;
}
