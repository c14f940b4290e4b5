// Drizzle schema files as models: the tables and enums a module exports (pgTable, pgEnum,
// pgSchema from drizzle-orm/pg-core) read through drizzle-orm's own getTableConfig — the
// user's installed drizzle-orm, resolved from the models file, never a dependency of ours —
// and turned into DSL models, so they get everything DSL models get (audit, renames, legacy,
// check, diff --from models, migrate generate). What cannot be read faithfully is a one-line
// ConfigError naming the table and the feature, never a silent skip.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import type { ReferentialAction } from '../schema/types.js';
import * as t from './columns.js';
import type { ColumnBuilder } from './columns.js';
import { enumType, type EnumModel } from './enum.js';
import { table, type Columns, type IndexKeySpec, type IndexSpec, type TableModel, type TableOptions } from './table.js';

const IS_TABLE = Symbol.for('drizzle:IsDrizzleTable');

/* Only the parts of drizzle-orm's API used here, typed loosely: the user's drizzle-orm version decides. */
interface DrizzleSql {
  readonly queryChunks: unknown[];
}
interface DrizzleEnum {
  readonly enumName: string;
  readonly enumValues: readonly string[];
  readonly schema: string | undefined;
}
interface DrizzleColumn {
  readonly name: string;
  readonly notNull: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly primary: boolean;
  readonly isUnique: boolean;
  readonly uniqueName: string | undefined;
  readonly uniqueType?: string;
  readonly columnType: string;
  readonly enum?: DrizzleEnum;
  readonly enumValues?: readonly string[];
  readonly generated?: { as: unknown; type: string };
  readonly generatedIdentity?: { type: 'always' | 'byDefault' };
  getSQLType(): string;
}
interface DrizzleTableConfig {
  readonly name: string;
  readonly schema: string | undefined;
  readonly columns: DrizzleColumn[];
  readonly indexes: { config: { name?: string; columns: unknown[]; unique: boolean; method?: string; where?: unknown } }[];
  readonly foreignKeys: { getName(): string; onDelete?: string; onUpdate?: string; reference(): { columns: DrizzleColumn[]; foreignColumns: DrizzleColumn[]; foreignTable: unknown } }[];
  readonly checks: { name: string; value: unknown }[];
  readonly primaryKeys: { getName(): string; columns: DrizzleColumn[] }[];
  readonly uniqueConstraints: { getName(): string; columns: DrizzleColumn[]; nullsNotDistinct: boolean }[];
  readonly enableRLS?: boolean;
}
interface DrizzlePgCore {
  getTableConfig(table: unknown): DrizzleTableConfig;
  PgDialect: new () => { sqlToQuery(sql: unknown): { sql: string; params: unknown[] } };
}

export function isDrizzleTable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[IS_TABLE] === true;
}

function isDrizzleEnum(value: unknown): value is DrizzleEnum {
  return typeof value === 'function' && typeof (value as unknown as DrizzleEnum).enumName === 'string' && Array.isArray((value as unknown as DrizzleEnum).enumValues);
}

/** Does this module export Drizzle tables (at any depth ≤ 3)? */
export function exportsDrizzle(exports: unknown): boolean {
  return collect(exports).tables.length > 0;
}

function collect(exports: unknown): { tables: unknown[]; enums: DrizzleEnum[] } {
  const tables: unknown[] = [];
  const enums: DrizzleEnum[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
    seen.add(value);
    if (isDrizzleTable(value)) tables.push(value);
    else if (isDrizzleEnum(value)) enums.push(value);
    else if (typeof value === 'object' && depth < 3) for (const v of Array.isArray(value) ? value : Object.values(value)) visit(v, depth + 1);
  };
  visit(exports, 0);
  return { tables, enums };
}

/** drizzle-orm/pg-core as the models file would import it. */
export async function loadDrizzle(modelsFile: string): Promise<DrizzlePgCore> {
  let resolved: string;
  try {
    resolved = createRequire(modelsFile).resolve('drizzle-orm/pg-core');
  } catch {
    throw new ConfigError(`${modelsFile} exports Drizzle tables, but drizzle-orm cannot be resolved from it: install drizzle-orm in that project`);
  }
  return (await import(pathToFileURL(resolved).href)) as DrizzlePgCore;
}

const ACTIONS: Record<string, ReferentialAction> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

/** Drizzle's spelling of a type → format_type's (the DSL's canonical form). */
function canonicalType(sqlType: string): string {
  const array = /^(.*?)((?:\[\d*\])+)$/.exec(sqlType);
  const base = (array ? array[1]! : sqlType).trim();
  const dims = array ? (array[2]!.match(/\[/g) ?? []).length : 0;
  let m: RegExpExecArray | null;
  let type = base;
  if ((m = /^varchar(?:\((\d+)\))?$/.exec(base))) type = m[1] ? `character varying(${m[1]})` : 'character varying';
  else if ((m = /^char(?:\((\d+)\))?$/.exec(base))) type = `character(${m[1] ?? 1})`;
  else if ((m = /^numeric(?:\((\d+)(?:,\s*(\d+))?\))?$/.exec(base))) type = m[1] ? `numeric(${m[1]},${m[2] ?? 0})` : 'numeric';
  else if ((m = /^(timestamp|time)(?:\s*\((\d+)\))?( with time zone| without time zone)?$/.exec(base))) {
    type = `${m[1]}${m[2] ? `(${m[2]})` : ''}${m[3] ?? ' without time zone'}`;
  } else if (base === 'double precision' || base === 'real' || base === 'smallint' || base === 'integer' || base === 'bigint') type = base;
  else if (base === 'int') type = 'integer';
  return type + '[]'.repeat(dims);
}

export async function drizzleModels(exports: unknown, modelsFile: string): Promise<{ tables: TableModel[]; enums: EnumModel[] }> {
  const { tables, enums } = collect(exports);
  const core = await loadDrizzle(modelsFile);
  const dialect = new core.PgDialect();

  const enumModels = new Map<DrizzleEnum, EnumModel>();
  const enumOf = (e: DrizzleEnum): EnumModel => {
    let m = enumModels.get(e);
    if (!m) {
      const labels = [...e.enumValues] as [string, ...string[]];
      m = enumType(e.enumName, labels, e.schema ? { schema: e.schema } : {});
      enumModels.set(e, m);
    }
    return m;
  };
  for (const e of enums) enumOf(e);

  const configs = new Map<unknown, DrizzleTableConfig>(tables.map((tb) => [tb, core.getTableConfig(tb)]));
  const qualified = (c: DrizzleTableConfig) => `${c.schema ?? 'public'}.${c.name}`;
  const models: TableModel[] = [];
  for (const [, cfg] of configs) {
    const where = `Drizzle table ${qualified(cfg)}`;
    // Column references render qualified (`"users"."score"`): the table's own are plain columns.
    const own = new RegExp(`"${cfg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\.`, 'g');
    const render = (value: unknown, what: string): string => {
      if (typeof value === 'string') return value;
      if (value && typeof value === 'object' && 'queryChunks' in (value as DrizzleSql)) {
        const q = dialect.sqlToQuery(value);
        if (q.params.length > 0) throw new ConfigError(`${where}: ${what} is a sql\`…\` template with bound parameters; write the values into the SQL text (sql.raw) so it can be compared`);
        return q.sql.replace(own, '');
      }
      throw new ConfigError(`${where}: ${what} is neither SQL nor a string (unsupported Drizzle feature)`);
    };
    const pkCols = new Set(cfg.primaryKeys.flatMap((p) => p.columns.map((c) => c.name)));
    const columns: Columns = {};
    for (const col of cfg.columns) {
      let b: ColumnBuilder;
      const sqlType = col.getSQLType();
      if (col.columnType === 'PgSerial') b = t.serial() as unknown as ColumnBuilder;
      else if (col.columnType === 'PgBigSerial53' || col.columnType === 'PgBigSerial64') b = t.bigserial() as unknown as ColumnBuilder;
      else if (col.columnType === 'PgSmallSerial') throw new ConfigError(`${where}: column ${col.name} is smallserial (not supported by schemaguard models)`);
      else if (col.enum) b = t.enumOf(enumOf(col.enum) as EnumModel<[string, ...string[]]>) as unknown as ColumnBuilder;
      else if (col.columnType === 'PgArray' && /^[^\s]+\[\]$/.test(sqlType) && enums.some((e) => `${e.enumName}[]` === sqlType)) {
        b = t.enumOf(enumOf(enums.find((e) => `${e.enumName}[]` === sqlType)!) as EnumModel<[string, ...string[]]>).array() as unknown as ColumnBuilder;
      } else b = t.custom(canonicalType(sqlType)) as unknown as ColumnBuilder;
      const serial = b.spec.serial;
      if (col.primary) b = b.primaryKey() as unknown as ColumnBuilder;
      else if (col.notNull && !serial && !col.generatedIdentity) b = b.notNull() as unknown as ColumnBuilder;
      if (col.generatedIdentity) b = b.identity(col.generatedIdentity.type === 'always' ? 'always' : 'by default') as unknown as ColumnBuilder;
      if (col.isUnique) b = b.unique(col.uniqueName) as unknown as ColumnBuilder;
      if (col.uniqueType === 'not distinct') throw new ConfigError(`${where}: column ${col.name} is unique NULLS NOT DISTINCT inline; declare it with unique().nullsNotDistinct() in the table's extra config`);
      if (col.generated) b = b.generatedAs(render(col.generated.as, `the generated expression of ${col.name}`)) as unknown as ColumnBuilder;
      else if (col.hasDefault && col.default !== undefined && !serial) {
        const d = col.default;
        if (d !== null && typeof d === 'object' && 'queryChunks' in (d as DrizzleSql)) b = b.defaultSql(render(d, `the default of ${col.name}`)) as unknown as ColumnBuilder;
        else if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean' || typeof d === 'bigint' || d instanceof Date || Array.isArray(d) || (typeof d === 'object' && d !== null)) {
          b = b.default(d as never) as unknown as ColumnBuilder;
        } else throw new ConfigError(`${where}: the default of ${col.name} is a ${typeof d} (only SQL and plain values are read)`);
      }
      if (pkCols.has(col.name) && !col.notNull) b = b.notNull() as unknown as ColumnBuilder;
      columns[col.name] = b as ColumnBuilder<never, boolean>;
    }
    const options: { -readonly [K in keyof TableOptions]: TableOptions[K] } = {};
    if (cfg.schema) options.schema = cfg.schema;
    if (cfg.primaryKeys.length > 1) throw new ConfigError(`${where}: more than one primaryKey()`);
    const pk = cfg.primaryKeys[0];
    if (pk) options.primaryKey = { name: pk.getName(), columns: pk.columns.map((c) => c.name) };
    if (cfg.uniqueConstraints.length > 0) {
      options.uniques = cfg.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name), ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}) }));
    }
    if (cfg.checks.length > 0) options.checks = cfg.checks.map((c) => ({ name: c.name, expression: render(c.value, `check ${c.name}`) }));
    if (cfg.foreignKeys.length > 0) {
      options.foreignKeys = cfg.foreignKeys.map((f) => {
        const r = f.reference();
        const target = configs.get(r.foreignTable);
        if (!target) throw new ConfigError(`${where}: foreign key ${f.getName()} references a table the models module does not export`);
        return {
          name: f.getName(),
          columns: r.columns.map((c) => c.name),
          references: { table: qualified(target), columns: r.foreignColumns.map((c) => c.name) },
          onDelete: ACTIONS[f.onDelete ?? 'no action'] ?? 'NO ACTION',
          onUpdate: ACTIONS[f.onUpdate ?? 'no action'] ?? 'NO ACTION',
        };
      });
    }
    if (cfg.indexes.length > 0) {
      options.indexes = cfg.indexes.map((ix): IndexSpec => {
        const c = ix.config;
        if (!c.name) throw new ConfigError(`${where}: an index without a name (give index('name'))`);
        const keys = c.columns.map((k): IndexKeySpec => {
          const col = k as { name?: string; indexConfig?: { order?: string; nulls?: string; opClass?: string } };
          if (typeof col.name === 'string') {
            const cfgk = col.indexConfig ?? {};
            const descending = cfgk.order === 'desc';
            return {
              column: col.name,
              ...(descending ? { descending } : {}),
              ...(cfgk.nulls ? { nullsFirst: cfgk.nulls === 'first' } : {}),
              ...(cfgk.opClass ? { opclass: cfgk.opClass } : {}),
            };
          }
          return { expression: render(k, `an expression of index ${c.name}`) };
        });
        return {
          name: c.name,
          columns: keys,
          ...(c.unique ? { unique: true } : {}),
          ...(c.method && c.method !== 'btree' ? { method: c.method } : {}),
          ...(c.where ? { where: render(c.where, `the WHERE of index ${c.name}`) } : {}),
        };
      });
    }
    if (cfg.enableRLS) options.rowSecurity = { enabled: true };
    models.push(table(cfg.name, columns, options));
  }
  return { tables: models, enums: [...enumModels.values()] };
}
