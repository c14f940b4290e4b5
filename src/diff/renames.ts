// Rename detection. A column missing from one side and an extra column of compatible type on
// the other, in the same table, are more likely one column renamed than two unrelated changes;
// the same for whole tables. Scores combine type compatibility with name similarity; pairs are
// taken greedily by score so each object is used once, and the result is deterministic.
import { normalizeType } from '../schema/normalize.js';
import type { Column, Table } from '../schema/types.js';
import { compare } from './lists.js';

export interface RenamePair<T> {
  readonly from: T;
  readonly to: T;
  readonly confidence: number;
}

/** Detection is never certain: 1 is kept for renames declared in advance. */
export const MAX_DETECTED = 0.99;

/** Below this a drop + add stays a drop + add. */
export const RENAME_THRESHOLD = 0.5;

const FAMILIES: readonly (readonly string[])[] = [
  ['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'],
  ['text', 'character varying', 'character', 'citext', 'name'],
  ['json', 'jsonb'],
  ['timestamp with time zone', 'timestamp without time zone', 'date'],
  ['uuid'],
  ['boolean'],
  ['bytea'],
  ['inet', 'cidr'],
];

function baseOf(type: string): string {
  return type.replace(/\(.*?\)/g, '').trim();
}

/** 1 same type, 0.8 same family (varchar/text, int/bigint), 0.6 enum ↔ enum or enum ↔ text, 0 otherwise. */
export function typeCompatibility(a: string, b: string, isEnum: (type: string) => boolean, schema?: string): number {
  const na = normalizeType(a, { schema });
  const nb = normalizeType(b, { schema });
  if (na === nb) return 1;
  const arrA = na.endsWith('[]');
  const arrB = nb.endsWith('[]');
  if (arrA !== arrB) return 0;
  const ba = baseOf(na.replace(/\[\]$/, ''));
  const bb = baseOf(nb.replace(/\[\]$/, ''));
  if (ba === bb) return 0.9;
  if (FAMILIES.some((f) => f.includes(ba) && f.includes(bb))) return 0.8;
  const ea = isEnum(a);
  const eb = isEnum(b);
  if (ea && eb) return 0.6;
  const textual = (t: string) => t === 'text' || t === 'character varying';
  if ((ea && textual(bb)) || (eb && textual(ba))) return 0.6;
  return 0;
}

function words(name: string): string[] {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** 0..1: containment (`payload` in `job_payload`) scores high, then shared words. */
export function nameSimilarity(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === lb) return 1;
  const wa = words(la);
  const wb = words(lb);
  const setB = new Set(wb);
  const shared = wa.filter((w) => setB.has(w)).length;
  if (shared > 0 && (shared === wa.length || shared === wb.length)) return 0.9;
  const union = new Set([...wa, ...wb]).size;
  return union === 0 ? 0 : shared / union;
}

function greedy<T>(candidates: { from: T; to: T; confidence: number; key: string }[]): RenamePair<T>[] {
  candidates.sort((x, y) => y.confidence - x.confidence || compare(x.key, y.key));
  const usedFrom = new Set<T>();
  const usedTo = new Set<T>();
  const out: RenamePair<T>[] = [];
  for (const c of candidates) {
    if (c.confidence < RENAME_THRESHOLD || usedFrom.has(c.from) || usedTo.has(c.to)) continue;
    usedFrom.add(c.from);
    usedTo.add(c.to);
    out.push({ from: c.from, to: c.to, confidence: round(c.confidence) });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Likely column renames among the columns dropped from and added to one table. A pair that is
 * each other's only type-compatible candidate gets a floor on name similarity: a lone missing
 * column and a lone extra one of the same type are most often one renamed column.
 */
export function detectColumnRenames(
  dropped: readonly Column[],
  added: readonly Column[],
  isEnum: (type: string) => boolean,
  schema?: string,
): RenamePair<Column>[] {
  const compat = (d: Column, a: Column) => typeCompatibility(d.type, a.type, isEnum, schema);
  const candidates: { from: Column; to: Column; confidence: number; key: string }[] = [];
  for (const d of dropped) {
    for (const a of added) {
      const t = compat(d, a);
      if (t === 0) continue;
      let n = nameSimilarity(d.name, a.name);
      const onlyCandidate = added.filter((x) => compat(d, x) > 0).length === 1 && dropped.filter((x) => compat(x, a) > 0).length === 1;
      if (onlyCandidate) n = Math.max(n, 0.3);
      if (n === 0) continue;
      // Same position is weak evidence too.
      const position = d.position === a.position ? 0.05 : 0;
      candidates.push({ from: d, to: a, confidence: Math.min(MAX_DETECTED, 0.35 + 0.3 * t + 0.35 * n + position), key: `${d.name}>${a.name}` });
    }
  }
  return greedy(candidates);
}

// Columns every table has say nothing about which table is which.
const GENERIC_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'deleted_at']);

/** Likely table renames among tables dropped and added in the same schema: shared columns and names. */
export function detectTableRenames(dropped: readonly Table[], added: readonly Table[]): RenamePair<Table>[] {
  const candidates: { from: Table; to: Table; confidence: number; key: string }[] = [];
  for (const d of dropped) {
    for (const a of added) {
      if (d.schema !== a.schema) continue;
      const colsD = new Set(d.columns.map((c) => c.name).filter((n) => !GENERIC_COLUMNS.has(n)));
      const colsA = new Set(a.columns.map((c) => c.name).filter((n) => !GENERIC_COLUMNS.has(n)));
      const shared = [...colsD].filter((n) => colsA.has(n)).length;
      const union = new Set([...colsD, ...colsA]).size;
      const columns = union === 0 ? 0 : shared / union;
      if (columns < 0.3) continue;
      const name = nameSimilarity(d.name, a.name);
      candidates.push({ from: d, to: a, confidence: Math.min(MAX_DETECTED, 0.6 * columns + 0.4 * name), key: `${d.name}>${a.name}` });
    }
  }
  return greedy(candidates);
}
