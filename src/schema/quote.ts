// The one place identifiers and literals become SQL text. Everything that generates SQL
// goes through these; nothing a user passes is concatenated unescaped.

/** Always-quoted identifier: "name", with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** schema.name, both parts quoted. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal, standard-conforming: 'it''s'. Backslashes are literal (E'' is not used). */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('string literal cannot contain a NUL byte');
  return `'${value.replace(/'/g, "''")}'`;
}

const RESERVED_OR_UNSAFE = /^[a-z_][a-z0-9_$]*$/;
// Keywords that must be quoted as column/table names (PostgreSQL's reserved list, abridged
// to those that are reserved in every position).
const RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast',
  'check', 'collate', 'column', 'constraint', 'create', 'current_catalog', 'current_date', 'current_role',
  'current_time', 'current_timestamp', 'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do',
  'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in',
  'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not',
  'null', 'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select',
  'session_user', 'some', 'symmetric', 'system_user', 'table', 'then', 'to', 'trailing', 'true', 'union',
  'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
]);

/**
 * Quote only when needed, as PostgreSQL's quote_ident does: used where the canonical IR
 * spelling must match what the server prints (type names, index key columns).
 */
export function quoteIdentIfNeeded(name: string): string {
  return RESERVED_OR_UNSAFE.test(name) && !RESERVED.has(name) ? name : quoteIdent(name);
}

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators: any of them
// inside a `--` comment could end the comment, or make an editor or a later tool believe it did.
const COMMENT_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text made inert for one SQL line comment: every control character and line separator is
 * written as a visible escape (`\n`, `\u2028`), so a name from the database can never end the
 * comment and start a statement. The result is always a single line.
 */
export function commentText(text: string): string {
  return text.replace(COMMENT_UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A `-- ` comment line for any text: inert whatever the text holds. */
export function sqlComment(text: string): string {
  return `-- ${commentText(text)}`;
}
