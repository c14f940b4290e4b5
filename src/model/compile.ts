// Models → the canonical Schema IR (the same shapes and spellings introspection produces:
// format_type type names, PostgreSQL's default constraint names), after validating them.
// Invalid models (duplicate column or table, a reference to a missing table or column, an
// enum column whose enum is not declared) throw ConfigError: exit 2 with one line.
import { defaultName } from './default-names.js';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { normalizeType } from '../schema/normalize.js';
import { quoteIdentIfNeeded } from '../schema/quote.js';
import {
  IR_VERSION,
  type CheckConstraint,
  type Column,
  type EnumType,
  type ForeignKey,
  type Index,
  type IndexKey,
  type Schema,
  type Sequence,
  type Table,
  type UniqueConstraint,
} from '../schema/types.js';
import type { ColumnBuilder } from './columns.js';
import { isEnumModel, type EnumModel } from './enum.js';
import { withInheritance } from './inherits.js';
import { isLegacyDeclaration, type LegacyDeclaration } from './legacy.js';
import { isTableModel, type IndexKeySpec, type TableModel } from './table.js';

export interface CompiledModels {
  readonly schema: Schema;
  /** zod shapes of JSON columns that declared one, keyed `schema.table.column`. */
  readonly jsonShapes: ReadonlyMap<string, z.ZodType>;
  readonly legacy: readonly LegacyDeclaration[];
}

/** Everything a models module exports (at any depth ≤ 3 in arrays/objects), sorted into kinds. */
export function collectModels(exports: unknown): { tables: TableModel[]; enums: EnumModel[]; legacy: LegacyDeclaration[] } {
  const tables: TableModel[] = [];
  const enums: EnumModel[] = [];
  const legacy: LegacyDeclaration[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (isTableModel(value)) tables.push(value);
    else if (isEnumModel(value)) enums.push(value);
    else if (isLegacyDeclaration(value)) legacy.push(value);
    else if (depth < 3) for (const v of Array.isArray(value) ? value : Object.values(value)) visit(v, depth + 1);
  };
  visit(exports, 0);
  return { tables, enums, legacy };
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byQualified = <T extends { schema: string; name: string }>(a: T, b: T) => {
  const x = `${a.schema}.${a.name}`;
  const y = `${b.schema}.${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

export function compileModels(exports: unknown): CompiledModels {
  const { tables, enums, legacy } = collectModels(exports);
  // Enums used by columns count as declared even if the module did not export them.
  for (const t of tables) for (const c of Object.values(t.columns)) if (c.spec.enumRef && !enums.includes(c.spec.enumRef)) enums.push(c.spec.enumRef);

  const enumKeys = new Set<string>();
  const irEnums: EnumType[] = [];
  for (const e of enums) {
    const key = `${e.schema}.${e.name}`;
    if (enumKeys.has(key)) throw new ConfigError(`invalid model: enum ${key} is declared twice`);
    enumKeys.add(key);
    const labels = new Set<string>();
    for (const l of e.labels) {
      if (labels.has(l)) throw new ConfigError(`invalid model: enum ${key} has the label "${l}" twice`);
      labels.add(l);
    }
    irEnums.push({ schema: e.schema, name: e.name, labels: [...e.labels], comment: e.comment });
  }

  // Column names per table, for reference checks.
  const tableColumns = new Map<string, Set<string>>();
  for (const t of tables) {
    const key = `${t.schema}.${t.name}`;
    if (tableColumns.has(key)) throw new ConfigError(`invalid model: table ${key} is declared twice`);
    const names = new Set<string>();
    for (const [prop, col] of Object.entries(t.columns)) {
      const name = col.spec.dbName ?? prop;
      if (names.has(name)) throw new ConfigError(`invalid model: table ${key} declares the column "${name}" twice`);
      names.add(name);
    }
    tableColumns.set(key, names);
  }

  const resolveTable = (ref: string, fromSchema: string): { schema: string; name: string } => {
    const dot = ref.indexOf('.');
    return dot > 0 ? { schema: ref.slice(0, dot), name: ref.slice(dot + 1) } : { schema: fromSchema, name: ref };
  };
  // A child's constraints and indexes may name the columns it inherits.
  const parentsOf = (t: { schema: string; name: string }) =>
    (tables.find((m) => m.schema === t.schema && m.name === t.name)?.options.inherits ?? []).map((ref) => resolveTable(ref, t.schema));
  const inheritedNames = (t: { schema: string; name: string }, seen: Set<string>): string[] =>
    parentsOf(t).flatMap((p) => {
      const k = `${p.schema}.${p.name}`;
      if (seen.has(k)) return [];
      seen.add(k);
      return [...(tableColumns.get(k) ?? []), ...inheritedNames(p, seen)];
    });
  for (const t of tables) for (const n of inheritedNames(t, new Set([`${t.schema}.${t.name}`]))) tableColumns.get(`${t.schema}.${t.name}`)!.add(n);
  const requireColumns = (where: string, table: string, columns: readonly string[]) => {
    const names = tableColumns.get(table);
    if (!names) throw new ConfigError(`invalid model: ${where} references the missing table ${table}`);
    for (const c of columns) if (!names.has(c)) throw new ConfigError(`invalid model: ${where} references the missing column ${table}.${c}`);
  };

  const jsonShapes = new Map<string, z.ZodType>();
  const sequences: Sequence[] = [];
  const irTables: Table[] = [];
  for (const t of tables) {
    const key = `${t.schema}.${t.name}`;
    const columns: Column[] = [];
    const uniques: UniqueConstraint[] = [];
    const checks: CheckConstraint[] = [];
    const foreignKeys: ForeignKey[] = [];
    const pkColumns: string[] = [];
    let position = 0;
    for (const [prop, builder] of Object.entries(t.columns) as [string, ColumnBuilder][]) {
      const s = builder.spec;
      const name = s.dbName ?? prop;
      position += 1;
      if (s.enumRef) {
        const ek = `${s.enumRef.schema}.${s.enumRef.name}`;
        if (!enumKeys.has(ek)) throw new ConfigError(`invalid model: column ${key}.${name} uses the undeclared enum ${ek}`);
      }
      let defaultExpr = s.default;
      if (s.serial) {
        const seqName = defaultName(t.name, name, 'seq');
        defaultExpr = `nextval('${quoteIdentIfNeeded(t.schema)}.${quoteIdentIfNeeded(seqName)}'::regclass)`.replace(/'/g, "'");
        const big = normalizeType(s.type) === 'bigint';
        sequences.push({
          schema: t.schema,
          name: seqName,
          type: big ? 'bigint' : 'integer',
          start: '1',
          increment: '1',
          min: '1',
          max: big ? '9223372036854775807' : '2147483647',
          cache: '1',
          cycle: false,
          ownedBy: { schema: t.schema, name: t.name, column: name },
          grants: [],
          comment: null,
        });
      }
      if (s.primaryKey) pkColumns.push(name);
      columns.push({
        name,
        position,
        type: s.type,
        notNull: s.notNull || s.primaryKey,
        default: defaultExpr,
        identity: s.identity,
        generated: s.generated,
        collation: collationName(s.collation),
        comment: s.comment,
        grants: [],
      });
      if (s.unique) {
        uniques.push({ name: typeof s.unique === 'string' ? s.unique : defaultName(t.name, name, 'key'), columns: [name], nullsNotDistinct: false, deferrable: false, initiallyDeferred: false });
      }
      for (const c of s.checks) checks.push({ name: c.name ?? defaultName(t.name, name, 'check'), expression: c.expression, validated: true, noInherit: false });
      if (s.references) {
        const r = s.references;
        const target = typeof r.table === 'function' ? r.table() : resolveTable(r.table, t.schema);
        requireColumns(`the foreign key of ${key}.${name}`, `${target.schema}.${target.name}`, [r.column]);
        foreignKeys.push({
          name: r.name ?? defaultName(t.name, name, 'fkey'),
          columns: [name],
          references: { schema: target.schema, name: target.name, columns: [r.column] },
          onUpdate: r.onUpdate ?? 'NO ACTION',
          onDelete: r.onDelete ?? 'NO ACTION',
          match: 'SIMPLE',
          deferrable: false,
          initiallyDeferred: false,
          validated: true,
        });
      }
      if (s.jsonShape) jsonShapes.set(`${key}.${name}`, builder.zod);
    }

    const o = t.options;
    let primaryKey: Table['primaryKey'] = pkColumns.length > 0 ? { name: defaultName(t.name, null, 'pkey'), columns: pkColumns } : null;
    if (o.primaryKey) {
      if (pkColumns.length > 0) throw new ConfigError(`invalid model: table ${key} declares its primary key both on columns and in options`);
      const pk = Array.isArray(o.primaryKey) ? { name: defaultName(t.name, null, 'pkey'), columns: o.primaryKey as readonly string[] } : (o.primaryKey as { name: string; columns: readonly string[] });
      requireColumns(`the primary key of ${key}`, key, pk.columns);
      primaryKey = { name: pk.name, columns: [...pk.columns] };
      for (const c of columns) if (pk.columns.includes(c.name)) Object.assign(c, { notNull: true });
    }
    for (const u of o.uniques ?? []) {
      requireColumns(`a unique constraint of ${key}`, key, u.columns);
      uniques.push({
        name: u.name ?? defaultName(t.name, u.columns.join('_'), 'key'),
        columns: [...u.columns],
        nullsNotDistinct: u.nullsNotDistinct ?? false,
        deferrable: u.deferrable ?? false,
        initiallyDeferred: u.initiallyDeferred ?? false,
      });
    }
    for (const c of o.checks ?? []) checks.push({ name: c.name ?? defaultName(t.name, null, 'check'), expression: c.expression, validated: c.validated ?? true, noInherit: c.noInherit ?? false });
    for (const f of o.foreignKeys ?? []) {
      requireColumns(`a foreign key of ${key}`, key, f.columns);
      const target = resolveTable(f.references.table, t.schema);
      requireColumns(`a foreign key of ${key}`, `${target.schema}.${target.name}`, f.references.columns);
      foreignKeys.push({
        name: f.name ?? defaultName(t.name, f.columns.join('_'), 'fkey'),
        columns: [...f.columns],
        references: { ...target, columns: [...f.references.columns] },
        onUpdate: f.onUpdate ?? 'NO ACTION',
        onDelete: f.onDelete ?? 'NO ACTION',
        match: f.match ?? 'SIMPLE',
        deferrable: f.deferrable ?? false,
        initiallyDeferred: f.initiallyDeferred ?? false,
        validated: f.validated ?? true,
      });
    }
    const indexes: Index[] = [];
    const indexNames = new Set<string>();
    for (const ix of o.indexes ?? []) {
      if (indexNames.has(ix.name)) throw new ConfigError(`invalid model: table ${key} declares the index ${ix.name} twice`);
      indexNames.add(ix.name);
      const keys = ix.columns.map((c) => indexKey(c));
      requireColumns(`the index ${ix.name}`, key, keys.flatMap((k) => (k.column ? [k.column] : [])));
      indexes.push({
        name: ix.name,
        unique: ix.unique ?? false,
        method: ix.method ?? 'btree',
        keys,
        include: [...(ix.include ?? [])],
        predicate: ix.where ?? null,
        nullsNotDistinct: ix.nullsNotDistinct ?? false,
        valid: true,
        comment: ix.comment ?? null,
      });
    }

    irTables.push({
      schema: t.schema,
      name: t.name,
      kind: o.partitionBy ? 'partitioned' : 'table',
      unlogged: o.unlogged ?? false,
      partitionBy: o.partitionBy ?? null,
      partitionOf: o.partitionOf ? { ...resolveTable(o.partitionOf.table, t.schema), bound: o.partitionOf.bound } : null,
      columns,
      primaryKey,
      uniques: uniques.sort(byName),
      checks: checks.sort(byName),
      exclusions: (o.exclusions ?? []).map((x) => ({ name: x.name, definition: x.definition, deferrable: x.deferrable ?? false, initiallyDeferred: x.initiallyDeferred ?? false })).sort(byName),
      foreignKeys: foreignKeys.sort(byName),
      indexes: indexes.sort(byName),
      triggers: [],
      rowSecurity: { enabled: o.rowSecurity?.enabled ?? false, forced: o.rowSecurity?.forced ?? false },
      policies: [],
      grants: [],
      comment: o.comment ?? null,
    });
  }

  const namespaces = [...new Set([...irTables.map((t) => t.schema), ...irEnums.map((e) => e.schema)])].sort().map((name) => ({ name, comment: null }));
  return {
    schema: {
      version: IR_VERSION,
      namespaces,
      tables: withInheritance(irTables, parentsOf).sort(byQualified),
      views: [],
      enums: irEnums.sort(byQualified),
      domains: [],
      sequences: sequences.sort(byQualified),
      routines: [],
      extensions: [],
    },
    jsonShapes,
    legacy,
  };
}

/**
 * A collation as the catalog prints it (quote_ident): `collate('C')` and `collate('"C"')` both
 * mean the collation named C. A qualified or already quoted name is kept as written.
 */
function collationName(c: string | null): string | null {
  if (c === null || c.includes('"') || c.includes('.')) return c;
  return quoteIdentIfNeeded(c);
}

/** `name`, `name DESC`, `(expression) [DESC]`, or a key object with opclass and collation. */
function indexKey(spec: string | IndexKeySpec): IndexKey {
  if (typeof spec !== 'string') {
    if ((spec.column === undefined) === (spec.expression === undefined)) throw new ConfigError('invalid model: an index key object needs exactly one of column or expression');
    const descending = spec.descending ?? false;
    return {
      column: spec.column ?? null,
      expression: spec.expression ?? null,
      descending,
      nullsFirst: spec.nullsFirst ?? descending,
      opclass: spec.opclass ?? null,
      collation: collationName(spec.collation ?? null),
    };
  }
  const m = /^(.*?)(\s+(asc|desc))?(\s+nulls\s+(first|last))?$/i.exec(spec.trim())!;
  const body = m[1]!.trim();
  const descending = (m[3] ?? '').toLowerCase() === 'desc';
  const nullsFirst = m[5] ? m[5].toLowerCase() === 'first' : descending;
  const isExpression = body.startsWith('(') || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(body);
  return {
    column: isExpression ? null : body,
    expression: isExpression ? body.replace(/^\((.*)\)$/s, '$1') : null,
    descending,
    nullsFirst,
    opclass: null,
    collation: null,
  };
}
