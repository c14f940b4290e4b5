// The columns a statement introduces or retypes, for the type rules (SG024–SG027).
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint, CreateStmt } from 'libpg-query';
import { body, stringValues, tableRef, typeInfo, type TableRef, type TypeInfo } from '../ast.js';
import type { RuleContext } from './context.js';

export interface TypedColumn {
  readonly table: TableRef;
  readonly name: string;
  readonly type: TypeInfo;
  readonly location: number | undefined;
  readonly primaryKey: boolean;
}

// Four rules ask for each statement's columns: compute them once.
const cache = new WeakMap<object, TypedColumn[]>();

export function typedColumns(ctx: RuleContext): TypedColumn[] {
  // A down file puts back what was there: its types are not a new choice.
  if (ctx.file.down) return [];
  if (ctx.unit.kind !== 'CreateStmt' && ctx.unit.kind !== 'AlterTableStmt') return [];
  let found = cache.get(ctx.unit);
  if (!found) cache.set(ctx.unit, (found = columnsOf(ctx)));
  return found;
}

function columnsOf(ctx: RuleContext): TypedColumn[] {
  const out: TypedColumn[] = [];
  if (ctx.unit.kind === 'CreateStmt') {
    const c = ctx.node as CreateStmt;
    const t = tableRef(c.relation);
    if (!t) return out;
    // Columns a table-level PRIMARY KEY (…) names.
    let keys: string[] | undefined;
    for (const e of c.tableElts ?? []) {
      const k = body<Constraint>(e, 'Constraint');
      if (k?.contype === 'CONSTR_PRIMARY') (keys ??= []).push(...stringValues(k.keys));
    }
    for (const e of c.tableElts ?? []) {
      const def = body<ColumnDef>(e, 'ColumnDef');
      if (def?.colname) pushColumn(out, t, def.colname, def, inlinePk(def) || (keys?.includes(def.colname) ?? false));
    }
  } else if (ctx.unit.kind === 'AlterTableStmt') {
    const a = ctx.node as AlterTableStmt;
    const t = tableRef(a.relation);
    if (a.objtype !== 'OBJECT_TABLE' || !t) return out;
    for (const n of a.cmds ?? []) {
      const cmd = body<AlterTableCmd>(n, 'AlterTableCmd');
      const def = body<ColumnDef>(cmd?.def, 'ColumnDef');
      if (!cmd || !def) continue;
      if (cmd.subtype === 'AT_AddColumn' && def.colname) pushColumn(out, t, def.colname, def, inlinePk(def));
      else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) pushColumn(out, t, cmd.name, def, false);
    }
  }
  return out;
}

function pushColumn(out: TypedColumn[], table: TableRef, name: string, def: ColumnDef, primaryKey: boolean): void {
  const type = typeInfo(def.typeName);
  if (type) out.push({ table, name, type, location: def.typeName?.location ?? def.location, primaryKey });
}

function inlinePk(def: ColumnDef): boolean {
  for (const c of def.constraints ?? []) if (body<Constraint>(c, 'Constraint')?.contype === 'CONSTR_PRIMARY') return true;
  return false;
}
