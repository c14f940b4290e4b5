// table(name, columns, options): a table model. Plain data plus the zod schema of its rows,
// so application code can `z.infer<typeof users.row>`.
import { z } from 'zod';
import type { ReferentialAction } from '../schema/types.js';
import type { ColumnBuilder } from './columns.js';

export type Columns = Record<string, ColumnBuilder<z.ZodType, boolean>>;

/** One key of an index, when a string (`'name DESC'`, `'(lower(email))'`) cannot say it. */
export interface IndexKeySpec {
  readonly column?: string;
  readonly expression?: string;
  readonly descending?: boolean;
  readonly nullsFirst?: boolean;
  /** Operator class (`text_pattern_ops`, `gin_trgm_ops`), when not the type's default. */
  readonly opclass?: string;
  readonly collation?: string;
}

export interface IndexSpec {
  readonly name: string;
  /** Column names, or SQL expressions in parentheses: `['campaign_id', '(lower(domain_name))']`. */
  readonly columns: readonly (string | IndexKeySpec)[];
  readonly nullsNotDistinct?: boolean;
  readonly unique?: boolean;
  readonly method?: string;
  readonly where?: string;
  readonly include?: readonly string[];
  readonly comment?: string;
}

export interface ForeignKeySpec {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns: readonly string[] };
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly match?: 'SIMPLE' | 'FULL';
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
  /** false: added NOT VALID and not validated yet. */
  readonly validated?: boolean;
}

export interface TableOptions {
  readonly schema?: string;
  /** A composite primary key (a single-column one can use `.primaryKey()` on the column). */
  readonly primaryKey?: readonly string[] | { readonly name: string; readonly columns: readonly string[] };
  readonly uniques?: readonly {
    readonly name?: string;
    readonly columns: readonly string[];
    readonly nullsNotDistinct?: boolean;
    readonly deferrable?: boolean;
    readonly initiallyDeferred?: boolean;
  }[];
  readonly checks?: readonly { readonly name?: string; readonly expression: string; readonly validated?: boolean; readonly noInherit?: boolean }[];
  /** `EXCLUDE` constraints, as pg_get_constraintdef prints them: `EXCLUDE USING gist (area WITH &&)`. */
  readonly exclusions?: readonly { readonly name: string; readonly definition: string; readonly deferrable?: boolean; readonly initiallyDeferred?: boolean }[];
  /** A partitioned table's key, as pg_get_partkeydef prints it: `RANGE (created_at)`. */
  readonly partitionBy?: string;
  /** A partition: its parent (`schema.name` or `name`) and bound, as PostgreSQL prints it. */
  readonly partitionOf?: { readonly table: string; readonly bound: string };
  /**
   * Table inheritance (`INHERITS`): the parents (`schema.name` or `name`), in order. Declare only
   * the child's own columns and checks; it gets its parents' as PostgreSQL gives them.
   */
  readonly inherits?: readonly string[];
  readonly rowSecurity?: { readonly enabled: boolean; readonly forced?: boolean };
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly indexes?: readonly IndexSpec[];
  readonly comment?: string;
  readonly unlogged?: boolean;
}

type RowShape<C extends Columns> = {
  [K in keyof C]: C[K] extends ColumnBuilder<infer Z, infer N> ? (N extends true ? Z : z.ZodNullable<Z>) : never;
};

export interface TableModel<C extends Columns = Columns> {
  readonly kind: 'table';
  readonly schema: string;
  readonly name: string;
  readonly columns: C;
  readonly options: TableOptions;
  /** The zod schema of a row as selected from the table. */
  readonly row: z.ZodObject<RowShape<C>>;
}

export function table<const C extends Columns>(name: string, columns: C, options: TableOptions = {}): TableModel<C> {
  let row: z.ZodObject<RowShape<C>> | undefined;
  return {
    kind: 'table',
    schema: options.schema ?? 'public',
    name,
    columns,
    options,
    // Built on first use (see ColumnBuilder.zod).
    get row() {
      row ??= z.object(
        Object.fromEntries(Object.entries(columns).map(([key, col]) => [key, col.spec.notNull ? col.zod : col.zod.nullable()])) as RowShape<C>,
      );
      return row;
    },
  };
}

export function isTableModel(value: unknown): value is TableModel {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'table' && typeof (value as TableModel).columns === 'object';
}
