// Where a key or an offset is in a config file's text, for one-line errors at file:line:col.

/**
 * `:line:col` of the last key of `path` in the config's text, found by looking for each key in
 * turn (`"key":` in JSON, `key:` or `'key':` in TS/JS) after the previous one; '' if not found.
 */
export function locateKey(text: string | null, path: readonly string[]): string {
  if (text === null || path.length === 0) return '';
  let from = 0;
  let found = -1;
  for (const key of path) {
    if (/^\d+$/.test(key)) continue;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(?:["'\`]${escaped}["'\`]|(?<![\\w$])${escaped})\\s*:`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) return found === -1 ? '' : position(text, found);
    found = m.index;
    from = m.index + m[0].length;
  }
  return position(text, found);
}

export function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `:${line}:${col}`;
}
