// Names the planner makes up, and the (textual) test of whether a view definition names a table.

/** An identifier of at most 63 bytes: PostgreSQL would silently truncate a longer one. */
export function shortName(name: string): string {
  if (Buffer.byteLength(name) <= 63) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  let base = name;
  while (Buffer.byteLength(base) > 54) base = base.slice(0, -1);
  return `${base}_${hash.toString(16).padStart(8, '0')}`;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
