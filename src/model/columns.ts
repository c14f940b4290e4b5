// Column builders: each carries its PostgreSQL type (spelled as format_type spells it, the IR's
// canonical form) and a zod validator for its values, so a table's row schema can be inferred.
// Builders are immutable: every modifier returns a new builder.
import { z } from 'zod';
import { quoteIdentIfNeeded } from '../schema/quote.js';
import type { ReferentialAction } from '../schema/types.js';
import type { EnumModel } from './enum.js';

export interface ReferenceSpec {
  /** Table name (optionally `schema.table`) or a getter for a table model (for cycles). */
  readonly table: string | (() => { readonly name: string; readonly schema: string });
  readonly column: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly name?: string;
}

export interface ColumnSpec {
  readonly type: string;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean | string;
  /** A SQL expression, as it would follow DEFAULT. */
  readonly default: string | null;
  readonly identity: 'always' | 'by default' | null;
  readonly serial: boolean;
  readonly generated: string | null;
  readonly references: ReferenceSpec | null;
  readonly checks: readonly { readonly expression: string; readonly name?: string }[];
  readonly comment: string | null;
  readonly collation: string | null;
  /** For enum columns: the enum model, so the compiler can check it is declared. */
  readonly enumRef: EnumModel | null;
  /** A jsonb/json column declared with a zod shape for its documents. */
  readonly jsonShape: boolean;
  /** The column's name in the database when it differs from the property name. */
  readonly dbName: string | null;
}

export class ColumnBuilder<Z extends z.ZodType = z.ZodType, NotNull extends boolean = false> {
  readonly spec: ColumnSpec;
  declare readonly _notNull: NotNull;
  // Built on first use: a schema of a thousand tables is compiled without creating its 20,000
  // validators, which only application code and JSONB sampling need.
  #zod: Z | (() => Z);

  constructor(spec: ColumnSpec, zod: Z | (() => Z)) {
    this.spec = spec;
    this.#zod = zod;
  }

  /** The validator for a non-null value of this column. */
  get zod(): Z {
    if (typeof this.#zod === 'function' && !(this.#zod instanceof z.ZodType)) this.#zod = (this.#zod as () => Z)();
    return this.#zod as Z;
  }

  private with<N extends boolean = NotNull>(patch: Partial<ColumnSpec>): ColumnBuilder<Z, N> {
    return new ColumnBuilder<Z, N>({ ...this.spec, ...patch }, () => this.zod);
  }

  /** The column's name in the database, when the property is named differently (`createdAt` → `created_at`). */
  named(dbName: string): ColumnBuilder<Z, NotNull> {
    return this.with({ dbName });
  }
  notNull(): ColumnBuilder<Z, true> {
    return this.with<true>({ notNull: true });
  }
  /** A primary key column (NOT NULL). For a composite key use the table's `primaryKey` option. */
  primaryKey(): ColumnBuilder<Z, true> {
    return this.with<true>({ primaryKey: true, notNull: true });
  }
  unique(name?: string): ColumnBuilder<Z, NotNull> {
    return this.with({ unique: name ?? true });
  }
  /** A JavaScript value, written as a SQL literal of the column's type. */
  default(value: z.infer<Z> | null): ColumnBuilder<Z, NotNull> {
    return this.with({ default: value === null ? null : sqlLiteral(value, this.spec.type) });
  }
  /** A SQL expression: `defaultSql('now()')`, `defaultSql('gen_random_uuid()')`. */
  defaultSql(expression: string): ColumnBuilder<Z, NotNull> {
    return this.with({ default: expression });
  }
  /** `defaultSql('now()')`. */
  defaultNow(): ColumnBuilder<Z, NotNull> {
    return this.defaultSql('now()');
  }
  references(table: ReferenceSpec['table'], column = 'id', actions: { onDelete?: ReferentialAction; onUpdate?: ReferentialAction; name?: string } = {}): ColumnBuilder<Z, NotNull> {
    return this.with({ references: { table, column, ...actions } });
  }
  check(expression: string, name?: string): ColumnBuilder<Z, NotNull> {
    return this.with({ checks: [...this.spec.checks, name === undefined ? { expression } : { expression, name }] });
  }
  comment(text: string): ColumnBuilder<Z, NotNull> {
    return this.with({ comment: text });
  }
  collate(collation: string): ColumnBuilder<Z, NotNull> {
    return this.with({ collation });
  }
  /** `GENERATED ALWAYS|BY DEFAULT AS IDENTITY` (NOT NULL). */
  identity(kind: 'always' | 'by default' = 'always'): ColumnBuilder<Z, true> {
    return this.with<true>({ identity: kind, notNull: true });
  }
  /** `GENERATED ALWAYS AS (expression) STORED`. */
  generatedAs(expression: string): ColumnBuilder<Z, NotNull> {
    return this.with({ generated: expression });
  }
  /** This type as an array: `text[]`. */
  array(): ColumnBuilder<z.ZodArray<Z>, NotNull> {
    return new ColumnBuilder<z.ZodArray<Z>, NotNull>({ ...this.spec, type: `${this.spec.type}[]` }, () => z.array(this.zod));
  }
}

function base<Z extends z.ZodType>(type: string, zod: Z | (() => Z), patch: Partial<ColumnSpec> = {}): ColumnBuilder<Z, false> {
  return new ColumnBuilder<Z, false>(
    {
      type,
      notNull: false,
      primaryKey: false,
      unique: false,
      default: null,
      identity: null,
      serial: false,
      generated: null,
      references: null,
      checks: [],
      comment: null,
      collation: null,
      enumRef: null,
      jsonShape: false,
      dbName: null,
      ...patch,
    },
    zod,
  );
}

/** A SQL literal for a JavaScript value, cast to the column's type as PostgreSQL prints defaults. */
export function sqlLiteral(value: unknown, type: string): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'::${type}`;
  if (Array.isArray(value) && type.endsWith('[]')) return `'${arrayLiteral(value).replace(/'/g, "''")}'::${type}`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'::${type}`;
}

/** PostgreSQL's array literal: `{a,"b c",NULL}`. */
function arrayLiteral(values: readonly unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    // quoted only when needed, as PostgreSQL prints array literals
    if (/^[^{},"\\\s]+$/.test(text) && text.toUpperCase() !== 'NULL') return text;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(item).join(',')}}`;
}

const INT32 = z.number().int().min(-2147483648).max(2147483647);
const INT16 = z.number().int().min(-32768).max(32767);
// postgres.js returns int8 and numeric as strings unless told otherwise: accept both.
const BIGINT = z.union([z.string().regex(/^-?\d+$/), z.number().int(), z.bigint()]);
const NUMERIC = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]);
const TIMESTAMP = z.union([z.date(), z.string()]);

// Any 8-4-4-4-12 hex string, as PostgreSQL's uuid type accepts (z.uuid() would demand an RFC 9562 variant).
const UUID = z.guid();
export const uuid = () => base('uuid', UUID);
const TEXT = z.string();
export const text = () => base('text', TEXT);
export const varchar = (length?: number) => base(length === undefined ? 'character varying' : `character varying(${length})`, () => (length === undefined ? z.string() : z.string().max(length)));
export const char = (length = 1) => base(`character(${length})`, () => z.string().max(length));
export const smallint = () => base('smallint', INT16);
export const integer = () => base('integer', INT32);
export const bigint = () => base('bigint', BIGINT);
export const numeric = (precision?: number, scale = 0) => base(precision === undefined ? 'numeric' : `numeric(${precision},${scale})`, NUMERIC);
const NUMBER = z.number();
export const real = () => base('real', NUMBER);
export const double = () => base('double precision', NUMBER);
const BOOLEAN = z.boolean();
export const boolean = () => base('boolean', BOOLEAN);
const DATE = z.union([z.date(), z.string()]);
export const date = () => base('date', DATE);
export const timestamp = () => base('timestamp without time zone', TIMESTAMP);
export const timestamptz = () => base('timestamp with time zone', TIMESTAMP);
const INTERVAL = z.union([z.string(), z.record(z.string(), z.number())]);
export const interval = () => base('interval', INTERVAL);
export const inet = () => base('inet', TEXT);
const BYTEA = z.instanceof(Uint8Array);
export const bytea = () => base('bytea', BYTEA);
const UNKNOWN = z.unknown();
export const json = <Z extends z.ZodType = z.ZodUnknown>(shape?: Z) => base('json', (shape ?? UNKNOWN) as Z, { jsonShape: shape !== undefined });
/** A jsonb column; `shape` validates its documents (and is checked by `audit` against stored rows). */
export const jsonb = <Z extends z.ZodType = z.ZodUnknown>(shape?: Z) => base('jsonb', (shape ?? UNKNOWN) as Z, { jsonShape: shape !== undefined });
/**
 * Any other type, spelled as PostgreSQL's format_type prints it (`citext`, `tsvector`,
 * `timestamp(3) with time zone`, a domain `app.code`): what `schemaguard pull` writes for
 * types the named builders do not cover. Values are not validated beyond the zod shape given.
 */
export const custom = <Z extends z.ZodType = z.ZodUnknown>(type: string, zod?: Z) => base(type, (zod ?? UNKNOWN) as Z);
/** `serial`: integer NOT NULL with a sequence the column owns. */
export const serial = () => base('integer', INT32, { serial: true, notNull: true }) as unknown as ColumnBuilder<typeof INT32, true>;
export const bigserial = () => base('bigint', BIGINT, { serial: true, notNull: true }) as unknown as ColumnBuilder<typeof BIGINT, true>;
/** A column of an enum type declared with `enumType`. */
export const enumOf = <const L extends readonly [string, ...string[]]>(e: EnumModel<L>) =>
  base(`${quoteIdentIfNeeded(e.schema)}.${quoteIdentIfNeeded(e.name)}`, () => z.enum(e.labels as unknown as [L[number], ...L[number][]]), { enumRef: e as EnumModel });
