// The replay of a file's statements, in order, updating the history as they apply, with the
// rules that need the history as each ALTER TABLE command leaves it (SG001, SG002, SG006, SG008
// here; SG003 and SG004 in rules/, called at their command), and the drop targets SG005 checks
// against a database. The other statement rules (rules/index.ts) run before each statement.
import type {
  AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, CreateStmt, CreateTableAsStmt, DropStmt, IndexStmt, Node,
  NullTest, ReindexStmt, RenameStmt,
} from 'libpg-query';
import {
  body, concurrentlyOption, displayTable, objectRefs, stringValues, tableKey, tableRef, typeInfo,
  type TableRef,
} from './ast.js';
import { tableState, type History } from './history.js';
import { RULES_BY_KIND, type FileState, type RuleContext } from './rules/index.js';
import { notNullWithoutDefault } from './rules/not-null-without-default.js';
import { addColumnRewrite, setNotNullScan, typeChangeRewrite } from './rules/table-rewrite.js';
import type { RuleId } from './rules.js';
import type { SqlSource } from './source.js';
import { unitsOf, type Unit } from './units.js';

export interface RawFinding {
  readonly rule: RuleId;
  /** Index of the statement (-1: the file as a whole). */
  readonly statement: number;
  /** Byte offset of the most precise location known. */
  readonly offset: number;
  /** Byte offset where the statement concerned ends (end positions in reports). */
  readonly end?: number;
  /** The statement's text when it is not the file statement's (one inside a DO block). */
  readonly text?: string;
  readonly message: string;
  readonly fix: string;
}

export interface DropTarget {
  readonly statement: number;
  readonly offset: number;
  readonly table: TableRef;
  readonly column: string | null;
  readonly sql: string;
}

export interface FileAnalysis {
  readonly findings: RawFinding[];
  readonly drops: DropTarget[];
}

export interface AnalyzeOptions {
  /** Files run outside a transaction whatever their directive says (another runner). */
  readonly assumeNoTransaction?: boolean;
}

export function analyzeFile(source: SqlSource, history: History, options: AnalyzeOptions = {}): FileAnalysis {
  const findings: RawFinding[] = [];
  const drops: DropTarget[] = [];
  // Directives are the runner's own parse (migrate/script.ts parseDirectives).
  const file: FileState = {
    source,
    down: /\.down\.sql$/i.test(source.path),
    transactional: source.directives.transaction && !options.assumeNoTransaction,
    assumeNoTransaction: options.assumeNoTransaction === true,
    createdTables: new Set(),
    createdIndexes: new Set(),
    notValid: new Map(),
  };
  const createdHere = file.createdTables;
  const { units, notAnalysed } = unitsOf(source);

  const existing = (t: TableRef) => !createdHere.has(tableKey(t));
  const addedHere = (t: TableRef, column: string) => history.get(tableKey(t))?.columns.get(column)?.addedAt.file === source.file;
  for (const unit of units) {
    const index = unit.index;
    const add = (rule: RuleId, location: number | undefined, message: string, fix: string) =>
      findings.push({
        rule,
        statement: index,
        offset: location === undefined || location < 0 || !unit.exact ? unit.start : unit.base + location,
        end: unit.end,
        ...(unit.inBody ? { text: unit.text } : {}),
        message,
        fix,
      });
    const kind = unit.kind;
    const node = body<Record<string, unknown>>(unit.node, kind);
    if (!node) continue;
    const inTransaction = file.transactional || unit.inBody !== null;
    // Most statements (INSERT, UPDATE, GRANT…) meet no rule: no context is built for them.
    const rules = RULES_BY_KIND.get(kind);
    if (rules) {
      const ctx: RuleContext = { file, unit, node, history, inTransaction, txn: file.transactional ? -1 : index, existing, addedHere, add };
      for (const rule of rules) rule(ctx);
    }
    analyzeStatement(source, history, unit, kind, inTransaction, createdHere, add, drops);
  }
  for (const n of notAnalysed) {
    findings.push({
      rule: 'SG029',
      statement: n.index,
      offset: n.offset,
      message: `${n.what}: not analysed (lint cannot read SQL built at run time)`,
      fix: 'review what it runs by hand, or write it as static statements lint can check',
    });
  }
  return { findings, drops };
}

function analyzeStatement(
  source: SqlSource, history: History, stmt: Unit, kind: string, inTransaction: boolean, createdHere: Set<string>, add: Add,
  drops: DropTarget[],
): void {
  const index = stmt.index;
  {
    if (kind === 'CreateStmt') {
      const c = body<CreateStmt>(stmt.node, 'CreateStmt')!;
      const t = tableRef(c.relation);
      if (!t) return;
      createdHere.add(tableKey(t));
      const state = tableState(history, tableKey(t));
      state.columns.clear();
      for (const elt of c.tableElts ?? []) {
        const col = body<ColumnDef>(elt, 'ColumnDef');
        if (col?.colname) {
          recordColumnAdd(source, history, t, col, stmt, add);
        }
      }
      return;
    }
    if (kind === 'CreateTableAsStmt') {
      const c = body<CreateTableAsStmt>(stmt.node, 'CreateTableAsStmt')!;
      const t = tableRef(c.into?.rel);
      if (t) createdHere.add(tableKey(t));
      return;
    }
    const concurrent =
      (kind === 'IndexStmt' && body<IndexStmt>(stmt.node, 'IndexStmt')!.concurrent) ||
      (kind === 'DropStmt' && body<DropStmt>(stmt.node, 'DropStmt')!.concurrent) ||
      (kind === 'ReindexStmt' && concurrentlyOption(body<ReindexStmt>(stmt.node, 'ReindexStmt')!.params)) ||
      (kind === 'AlterTableStmt' && detachesConcurrently(body<AlterTableStmt>(stmt.node, 'AlterTableStmt')!));
    if (concurrent && inTransaction) {
      const what = kind === 'IndexStmt' ? 'CREATE INDEX' : kind === 'DropStmt' ? 'DROP INDEX' : kind === 'ReindexStmt' ? 'REINDEX' : 'DETACH PARTITION';
      add(
        'SG008',
        undefined,
        stmt.inBody
          ? `${what} CONCURRENTLY cannot run inside a ${stmt.inBody === 'do' ? 'DO block' : 'function'}: it fails`
          : `${what} CONCURRENTLY cannot run inside a transaction, and this migration runs in one`,
        stmt.inBody
          ? 'run it as a statement of its own, in a file that starts with -- schemaguard:no-transaction'
          : 'make `-- schemaguard:no-transaction` the first line of the file (it then runs statement by statement), ideally with this statement alone',
      );
    }
    if (kind === 'IndexStmt') {
      const ix = body<IndexStmt>(stmt.node, 'IndexStmt')!;
      const t = tableRef(ix.relation);
      if (t && !ix.concurrent && !createdHere.has(tableKey(t))) {
        add(
          'SG001',
          undefined,
          `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX${ix.idxname ? ` ${ix.idxname}` : ''} on existing table ${displayTable(t)} without CONCURRENTLY blocks writes to it until the index is built`,
          'use CREATE INDEX CONCURRENTLY, in a migration that runs outside a transaction',
        );
      }
      return;
    }
    if (kind === 'DropStmt') {
      const d = body<DropStmt>(stmt.node, 'DropStmt')!;
      if (d.removeType !== 'OBJECT_TABLE') return;
      for (const t of objectRefs(d.objects)) {
        drops.push({ statement: index, offset: stmt.start, table: t, column: null, sql: `DROP TABLE ${displayTable(t)}` });
        history.delete(tableKey(t));
      }
      return;
    }
    if (kind === 'RenameStmt') {
      applyRename(body<RenameStmt>(stmt.node, 'RenameStmt')!, history);
      return;
    }
    if (kind === 'AlterTableStmt') {
      const a = body<AlterTableStmt>(stmt.node, 'AlterTableStmt')!;
      if (a.objtype !== 'OBJECT_TABLE') return;
      const t = tableRef(a.relation);
      if (!t) return;
      const existing = !createdHere.has(tableKey(t));
      for (const cmdNode of a.cmds ?? []) {
        const cmd = body<AlterTableCmd>(cmdNode, 'AlterTableCmd');
        if (cmd) alterCommand(source, history, t, existing, cmd, stmt, add, drops);
      }
    }
  }
}

function detachesConcurrently(a: AlterTableStmt): boolean {
  return (a.cmds ?? []).some((n) => {
    const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
    return cmd?.subtype === 'AT_DetachPartition' && body<{ concurrent?: boolean }>(cmd.def, 'PartitionCmd')?.concurrent === true;
  });
}

type Add = (rule: RuleId, offset: number | undefined, message: string, fix: string) => void;

function recordColumnAdd(source: SqlSource, history: History, t: TableRef, col: ColumnDef, unit: Unit, add: Add): void {
  const state = tableState(history, tableKey(t));
  const name = col.colname!;
  const previous = state.columns.get(name);
  // Two migrations, not one file adding it twice (PostgreSQL itself refuses that, or IF NOT
  // EXISTS makes it a no-op within the same deploy).
  if (previous && previous.addedAt.file !== source.file) {
    add(
      'SG006',
      col.location,
      `column ${displayTable(t)}.${name} is added again: ${previous.addedAt.file}:${previous.addedAt.line} already adds it`,
      'keep one ADD COLUMN, in the migration the column belongs to, and remove the other',
    );
    return;
  }
  if (previous) return;
  const line = source.positions.lineAtByte(col.location !== undefined && unit.exact ? unit.base + col.location : unit.start);
  state.columns.set(name, { type: typeInfo(col.typeName), addedAt: { file: source.file, line } });
  for (const c of constraintsOf(col)) {
    if (c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY') state.provenNotNull.add(name);
  }
}

function constraintsOf(col: ColumnDef): Constraint[] {
  const out: Constraint[] = [];
  for (const n of col.constraints ?? []) {
    const c = body<Constraint>(n, 'Constraint');
    if (c) out.push(c);
  }
  return out;
}

/** The column a `CHECK (col IS NOT NULL)` constrains, if the check is exactly that. */
function notNullCheckColumn(c: Constraint): string | undefined {
  const test = body<NullTest>(c.raw_expr, 'NullTest');
  if (!test || test.nulltesttype !== 'IS_NOT_NULL') return undefined;
  const ref = body<{ fields?: Node[] }>(test.arg, 'ColumnRef');
  const fields = stringValues(ref?.fields);
  return fields.length === 1 ? fields[0] : undefined;
}

function alterCommand(
  source: SqlSource, history: History, t: TableRef, existing: boolean, cmd: AlterTableCmd, unit: Unit, add: Add,
  drops: DropTarget[],
): void {
  const index = unit.index;
  const stmtStart = unit.start;
  const state = tableState(history, tableKey(t));
  const table = displayTable(t);
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const col = body<ColumnDef>(cmd.def, 'ColumnDef');
      if (!col?.colname) return;
      const already = state.columns.has(col.colname);
      recordColumnAdd(source, history, t, col, unit, add);
      if (!existing || already) return;
      const added = col as ColumnDef & { colname: string };
      const cons = constraintsOf(col);
      // A column that rewrites the table is reported for that (SG003), not also as SG004.
      if (!addColumnRewrite(add, table, added, cons)) notNullWithoutDefault(add, table, added, cons);
      return;
    }
    case 'AT_AddConstraint': {
      const c = body<Constraint>(cmd.def, 'Constraint');
      if (!c) return;
      const checkCol = c.contype === 'CONSTR_CHECK' ? notNullCheckColumn(c) : undefined;
      if (checkCol && c.conname) state.notNullChecks.set(c.conname, checkCol);
      if (checkCol && (!c.skip_validation || !existing)) state.provenNotNull.add(checkCol);
      if (!existing) return;
      const name = c.conname ? ` ${c.conname}` : '';
      if ((c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation) {
        const what = c.contype === 'CONSTR_FOREIGN' ? 'FOREIGN KEY' : 'CHECK';
        add(
          'SG002',
          c.location,
          `ADD CONSTRAINT${name} ${what} on existing table ${table} without NOT VALID checks every row while blocking writes`,
          `add it NOT VALID, then VALIDATE CONSTRAINT in a later statement (that lock lets writes through)`,
        );
      }
      if ((c.contype === 'CONSTR_PRIMARY' || c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_EXCLUSION') && !c.indexname) {
        const what = c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : c.contype === 'CONSTR_UNIQUE' ? 'UNIQUE' : 'EXCLUDE';
        add(
          'SG001',
          c.location,
          `ADD${name ? ` CONSTRAINT${name}` : ''} ${what} on existing table ${table} builds its index while blocking reads and writes`,
          c.contype === 'CONSTR_EXCLUSION'
            ? 'build the exclusion constraint while the table is small, or in a maintenance window'
            : `CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … ${what} USING INDEX`,
        );
      }
      return;
    }
    case 'AT_ValidateConstraint': {
      const col = cmd.name ? state.notNullChecks.get(cmd.name) : undefined;
      if (col) state.provenNotNull.add(col);
      return;
    }
    case 'AT_SetNotNull': {
      if (!cmd.name) return;
      if (existing && !state.provenNotNull.has(cmd.name)) setNotNullScan(add, table, cmd.name);
      state.provenNotNull.add(cmd.name);
      return;
    }
    case 'AT_DropNotNull': {
      if (cmd.name) state.provenNotNull.delete(cmd.name);
      return;
    }
    case 'AT_AlterColumnType': {
      const def = body<ColumnDef>(cmd.def, 'ColumnDef');
      const name = cmd.name;
      if (!def || !name) return;
      const to = typeInfo(def.typeName);
      const column = state.columns.get(name);
      const from = column?.type;
      if (existing) typeChangeRewrite(add, table, name, def, from, to);
      if (column) column.type = to;
      return;
    }
    case 'AT_DropColumn': {
      if (!cmd.name) return;
      drops.push({ statement: index, offset: stmtStart, table: t, column: cmd.name, sql: `ALTER TABLE ${table} DROP COLUMN ${cmd.name}` });
      state.columns.delete(cmd.name);
      state.provenNotNull.delete(cmd.name);
      return;
    }
    default:
      return;
  }
}

function applyRename(r: RenameStmt, history: History): void {
  const t = tableRef(r.relation);
  if (!t) return;
  const key = tableKey(t);
  if (r.renameType === 'OBJECT_TABLE' && r.newname) {
    const state = history.get(key);
    history.delete(key);
    if (state) history.set(tableKey({ schema: t.schema, name: r.newname }), state);
  } else if (r.renameType === 'OBJECT_COLUMN' && r.subname && r.newname) {
    const state = history.get(key);
    const col = state?.columns.get(r.subname);
    if (state && col) {
      state.columns.delete(r.subname);
      state.columns.set(r.newname, col);
      if (state.provenNotNull.delete(r.subname)) state.provenNotNull.add(r.newname);
    }
  }
}
