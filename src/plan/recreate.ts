// A table whose partitioning changes (plain ↔ partitioned, or another partition key) cannot be
// altered in place: it is recreated. Its rows are copied aside, the old table dropped, the new
// one created (its partitions are created or attached by their own changes), the rows copied
// back, then its indexes, triggers, policies and grants are added (after the copy, so triggers
// do not fire on it and indexes are built once). Refused, as a PlanError naming what to do,
// when something else would be lost with the old table: its partitions, a foreign key from
// another table, or a sequence owned by one of its columns (views on it are re-created by the
// caller around the recreation). Its rules are dropped first and come back once its rows are
// back, so that an INSTEAD rule on INSERT does not send the copied rows elsewhere.
import { quoteIdent } from '../schema/quote.js';
import type { QualifiedName, Table } from '../schema/types.js';
import { createTable, foreignKeyClause, q, tableDetails, tableTail } from './ddl.js';
import type { PlanOptions } from './context.js';
import { dropRulesOn, rulesOn } from './kinds/rule.js';
import { shortName } from './names.js';
import type { Hazard } from './types.js';

export interface RecreateSteps {
  /**
   * First of all: its rules dropped (they may name its inheritance children, which go before it),
   * and given back last by the reverse, once its rows are back.
   */
  readonly dropRules: readonly { sql: string; reverse: string[] }[];
  /** Before anything that creates tables: copy the rows aside and drop the old table. */
  readonly save: readonly { sql: string; reverse: string[]; hazards: Hazard[] }[];
  readonly create: { sql: string; reverse: string[] };
  /** After the table's partitions exist: rows back, then its dependents. */
  readonly restore: readonly { sql: string; reverse: string[]; hazards: Hazard[] }[];
  readonly foreignKeys: readonly string[];
  /** With the plan's other dependents: the new table's rules (its rule changes are in these). */
  readonly rules: readonly string[];
}

export class RecreateRefused extends Error {}

const key = (o: QualifiedName) => `${o.schema}.${o.name}`;

/** The views that read the table are dropped and re-created around this by the caller (plan.ts). */
export function recreateTable(a: Table, b: Table, { from, to }: PlanOptions): RecreateSteps {
  const what = `the partitioning of table ${a.schema}.${a.name}`;
  const refuse = (why: string, todo: string) => new RecreateRefused(`cannot plan a change of ${what}: ${why}; ${todo}`);
  // Those the plan drops (or detaches) anyway go before it (plan.ts); the others would be lost with it.
  const stillPartition = (t: Table) => to.tables.some((x) => key(x) === key(t) && x.partitionOf !== null && key(x.partitionOf) === key(b));
  const partitions = from.tables.filter((t) => t.partitionOf && key(t.partitionOf) === key(a) && stillPartition(t));
  if (partitions.length) throw refuse(`recreating it would drop its partitions (${partitions.map((p) => p.name).join(', ')})`, 'detach them in a migration first, then diff again');
  const fk = from.tables.flatMap((t) => (key(t) === key(a) ? [] : t.foreignKeys.filter((f) => key(f.references) === key(a)).map((f) => ({ t, f }))))[0];
  if (fk) throw refuse(`foreign key ${fk.f.name} of ${fk.t.schema}.${fk.t.name} references it`, 'drop that foreign key in a migration first, then diff again');
  const seq = from.sequences.find((s) => s.ownedBy && key(s.ownedBy) === key(a));
  if (seq) throw refuse(`sequence ${seq.schema}.${seq.name} is owned by its column ${seq.ownedBy!.column}`, 'release it (ALTER SEQUENCE ... OWNED BY NONE) in a migration first, then diff again');

  const copy: QualifiedName = { schema: a.schema, name: shortName(`${a.name}__sg_copy`) };
  // Rows go across in the columns both tables have (and can be written: not generated).
  const writable = (t: Table) => new Set(t.columns.filter((c) => c.generated === null).map((c) => c.name));
  const [wa, wb] = [writable(a), writable(b)];
  const cols = a.columns.filter((c) => wa.has(c.name) && wb.has(c.name)).map((c) => quoteIdent(c.name)).join(', ');
  const overriding = (t: Table) => (t.columns.some((c) => c.identity === 'always') ? ' OVERRIDING SYSTEM VALUE' : '');
  const insert = (into: Table) => `INSERT INTO ${q(into)} (${cols})${overriding(into)} SELECT ${cols} FROM ${q(copy)}`;
  const rebuild = (t: Table) => [createTable(t), ...tableDetails(t), ...tableTail(t), ...t.foreignKeys.map((f) => `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`)];
  const rewrites: Hazard = { kind: 'rewrites-table', message: `recreates ${a.schema}.${a.name}: every row is copied, under an ACCESS EXCLUSIVE lock for the whole transaction` };
  const noPartition: Hazard[] = b.partitionBy ? [{ kind: 'may-fail', message: `fails if a row of ${a.name} falls in no partition of the new table` }] : [];
  return {
    dropRules: dropRulesOn(from, a),
    save: [
      { sql: `CREATE TABLE ${q(copy)} AS TABLE ${q(a)}`, reverse: [...(cols ? [insert(a)] : []), `DROP TABLE IF EXISTS ${q(copy)}`], hazards: [rewrites] },
      { sql: `DROP TABLE ${q(a)}`, reverse: [...rebuild(a)], hazards: [{ kind: 'deletes-data', message: `drops ${a.schema}.${a.name} after copying its rows to ${copy.name}; columns not in the new table are lost` }] },
    ],
    create: { sql: createTable(b), reverse: [`DROP TABLE ${q(b)}`] },
    restore: [
      ...tableDetails(b).map((sql) => ({ sql, reverse: [], hazards: [] })),
      ...(cols ? [{ sql: insert(b), reverse: [`CREATE TABLE ${q(copy)} AS TABLE ${q(b)}`], hazards: noPartition }] : []),
      { sql: `DROP TABLE ${q(copy)}`, reverse: [] as string[], hazards: [] as Hazard[] },
      ...tableTail(b).map((sql) => ({ sql, reverse: [], hazards: [] })),
    ],
    foreignKeys: b.foreignKeys.map((f) => `ALTER TABLE ${q(b)} ADD ${foreignKeyClause(f)}`),
    rules: rulesOn(to, b),
  };
}
