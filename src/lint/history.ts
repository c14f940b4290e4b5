// What the migrations seen so far have built, as far as lint needs it: each table's columns
// (with their type and the place that added them) and the NOT NULL checks already validated.
// Up files are replayed in name order, which is the order migrations apply.
import type { TypeInfo } from './ast.js';

export interface AddedAt {
  readonly file: string;
  readonly line: number;
}

export interface ColumnState {
  type: TypeInfo | undefined;
  readonly addedAt: AddedAt;
}

export interface TableState {
  readonly columns: Map<string, ColumnState>;
  /** constraint name → column of a `CHECK (col IS NOT NULL)` on this table. */
  readonly notNullChecks: Map<string, string>;
  /** Columns with a validated `CHECK (col IS NOT NULL)`: SET NOT NULL on them skips the scan. */
  readonly provenNotNull: Set<string>;
}

export type History = Map<string, TableState>;

export function newHistory(): History {
  return new Map();
}

export function tableState(history: History, key: string): TableState {
  let t = history.get(key);
  if (!t) {
    t = { columns: new Map(), notNullChecks: new Map(), provenNotNull: new Set() };
    history.set(key, t);
  }
  return t;
}
