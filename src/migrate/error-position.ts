// Where a PostgreSQL error points, apart from the parser: applying already-parsed migrations
// (check's scratch database, src/migrate/apply.ts) must not load libpg-query to report one.

/**
 * Offset, in UTF-16 units of `sql`, of PostgreSQL's error `position` (1-based, counted in
 * characters, i.e. code points).
 */
export function offsetOfPosition(sql: string, position: number): number {
  let units = 0;
  let chars = 0;
  for (const ch of sql) {
    if (chars >= position - 1) break;
    units += ch.length;
    chars += 1;
  }
  return units;
}
