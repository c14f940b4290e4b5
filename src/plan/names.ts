// Names the planner makes up, and the (textual) test of whether a view definition names a table.
import { quoteIdentIfNeeded } from '../schema/quote.js';

/** An identifier of at most 63 bytes: PostgreSQL would silently truncate a longer one. */
export function shortName(name: string): string {
  if (Buffer.byteLength(name) <= 63) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  let base = name;
  while (Buffer.byteLength(base) > 54) base = base.slice(0, -1);
  return `${base}_${hash.toString(16).padStart(8, '0')}`;
}

/** `definition` names `schema.name` (qualified, or bare), as a whole word. */
export function mentionsTable(definition: string, qualified: string): boolean {
  const dot = qualified.indexOf('.');
  const schema = qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  const spelled = [`${quoteIdentIfNeeded(schema)}.${quoteIdentIfNeeded(name)}`, quoteIdentIfNeeded(name)];
  return spelled.some((s) => new RegExp(`(^|[^A-Za-z0-9_"])${escapeRegExp(s)}($|[^A-Za-z0-9_"])`).test(definition));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
