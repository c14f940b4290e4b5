// One migration file as schemaguard runs it: directives from its first lines, statements
// split by PostgreSQL's own grammar (libpg-query), the tables it touches, and a way to turn
// an offset in a statement back into a line and column of the file.
import { createRequire } from 'node:module';
import type { Node } from 'libpg-query';
import { ConfigError } from '../errors.js';
import { positionMap, type PositionMap } from '../lint/position.js';

export interface Directives {
  /** `-- schemaguard:no-transaction`: statements run one by one, each committed. */
  readonly transaction: boolean;
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
}

export interface Statement {
  /** The statement's text exactly as in the file (leading comments and whitespace included). */
  readonly sql: string;
  /** `sql` trimmed, for messages. */
  readonly text: string;
  /** Byte range of the statement in the UTF-8 file (BOM excluded): libpg-query's locations. */
  readonly start: number;
  readonly end: number;
  /** Character offset of the statement in the file text. */
  readonly offset: number;
  /** 1-based line and column (code points) of the statement's start. */
  readonly line: number;
  readonly column: number;
  /** The parse tree of the statement. */
  readonly node: Node;
  /** Top-level node type, e.g. `CreateStmt`, `IndexStmt`. */
  readonly kind: string;
  /** `CREATE INDEX CONCURRENTLY` and friends: cannot run inside a transaction block. */
  readonly nonTransactional: boolean;
}

export interface Comment {
  /** Byte range in the file. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Script {
  readonly path: string;
  /** The file's text, a leading BOM removed. */
  readonly text: string;
  readonly directives: Directives;
  readonly statements: readonly Statement[];
  /** Comments that may carry a directive: empty unless the file mentions `schemaguard:`. */
  readonly comments: readonly Comment[];
  /** Relations named anywhere in the file (schema may be null: search_path applies). */
  readonly tables: readonly { schema: string | null; name: string }[];
  /** Offsets (bytes or characters) to line:column, built once for the file. */
  readonly positions: PositionMap;
}

// Required, not imported: an ESM import of this CommonJS package first runs Node's export
// scanner over it and over the package it re-exports (start-up time); the module is the same.
const pg = createRequire(import.meta.url)('libpg-query') as typeof import('libpg-query');
/** libpg-query's parsers, for the other readers of SQL (after loadParser()). */
export const { parseSync, parsePlPgSQLSync, scanSync } = pg;
const { loadModule } = pg;

let loaded: Promise<void> | undefined;
let loadedOk = false;
/** libpg-query is WASM: load it once (for every user in the process) before the first parse. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule().then(() => {
    loadedOk = true;
  });
  return loaded;
}

const DIRECTIVE = /^--\s*schemaguard:\s*([a-z-]+)\s*(?:=\s*(\S+))?\s*$/i;
const DURATION = /^(?:0|\d+(?:\.\d+)?\s*(?:us|ms|s|min|h|d)?)$/;

/** Validate a lock_timeout/statement_timeout value; `none` means 0 (no limit). */
export function parseDuration(value: string, what: string): string {
  const v = value.trim();
  if (v === 'none' || v === 'off') return '0';
  if (!DURATION.test(v)) throw new ConfigError(`invalid ${what} ${JSON.stringify(value)}: expected e.g. 5s, 500ms, 2min or none`);
  return v.replace(/\s+/g, '');
}

/** Directives are `-- schemaguard:…` comment lines at the very top of the file. */
export function parseDirectives(text: string, path: string): Directives {
  let transaction = true;
  let lockTimeout: string | undefined;
  let statementTimeout: string | undefined;
  const body = stripBom(text);
  // Directives are the first lines only: read line by line, never split the whole file.
  const LINE_END = /\r\n?|\n/g;
  for (let i = 0, at = 0; at <= body.length; i++) {
    LINE_END.lastIndex = at;
    const end = LINE_END.exec(body);
    const raw = body.slice(at, end ? end.index : body.length);
    at = end ? end.index + end[0].length : body.length + 1;
    const line = raw.trim();
    if (!/^--\s*schemaguard:/i.test(line)) break;
    // `schemaguard lint` directives (lint-ignore, lint-ignore-file) are lint's, not the runner's.
    if (/^--\s*schemaguard:\s*lint-ignore/i.test(line)) continue;
    const m = DIRECTIVE.exec(line);
    const where = `${path}:${i + 1}`;
    if (!m) throw new ConfigError(`${where}: malformed directive ${JSON.stringify(line)}`);
    const key = m[1]!.toLowerCase();
    const value = m[2];
    if (key === 'no-transaction' && value === undefined) transaction = false;
    else if (key === 'lock-timeout' && value !== undefined) lockTimeout = parseDuration(value, `lock-timeout in ${where}`);
    else if (key === 'statement-timeout' && value !== undefined) statementTimeout = parseDuration(value, `statement-timeout in ${where}`);
    else {
      throw new ConfigError(
        `${where}: unknown directive ${JSON.stringify(line)} (known: no-transaction, lock-timeout=DURATION, statement-timeout=DURATION)`,
      );
    }
  }
  return { transaction, ...(lockTimeout !== undefined && { lockTimeout }), ...(statementTimeout !== undefined && { statementTimeout }) };
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  // Columns count code points, as an editor does.
  return { line, column: [...text.slice(lineStart, end)].length + 1 };
}

export { offsetOfPosition } from './error-position.js';

/** A file's text without its UTF-8 BOM: PostgreSQL's grammar does not skip it, editors hide it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Syntax errors in a migration file: exit 2 with file:line:col, nothing run. */
export class ScriptSyntaxError extends ConfigError {}

/**
 * Parse a migration file: the one parser of migration SQL (migrate, check, diff, lint).
 * Throws a ScriptSyntaxError naming file:line:col on a syntax error. Linear in the file size.
 */
export function parseScript(path: string, raw: string, options: { readonly relations?: boolean } = {}): Script {
  if (!loadedOk) throw new Error('parseScript before loadParser()');
  const text = stripBom(raw);
  const directives = parseDirectives(text, path);
  const positions = positionMap(text);
  let result: ReturnType<typeof parseSync>;
  try {
    // A 0-byte or blank file is an empty migration (golang-migrate skips them); libpg-query
    // refuses an empty query, so do not ask it.
    result = text.trim() === '' ? { version: 0, stmts: [] } : parseSync(text);
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    // libpg-query reports a syntax error's cursor as a 0-based character offset.
    const { line, column } = positions.atChar(details?.cursorPosition ?? 0);
    const message = details?.message ?? (error as Error).message;
    throw new ScriptSyntaxError(`${path}:${line}:${column}: ${message}`, { cause: error });
  }
  const byteLength = Buffer.byteLength(text, 'utf8');
  const statements: Statement[] = [];
  for (const rawStmt of result.stmts ?? []) {
    if (!rawStmt.stmt) continue;
    const start = rawStmt.stmt_location ?? 0;
    // stmt_len 0 means "to the end of the text".
    const end = rawStmt.stmt_len ? start + rawStmt.stmt_len : byteLength;
    const offset = positions.charOf(start);
    const sql = text.slice(offset, positions.charOf(end));
    const trimmed = sql.trim();
    if (trimmed === '') continue;
    const node = rawStmt.stmt as Record<string, unknown>;
    const kind = Object.keys(node)[0] ?? 'unknown';
    const { line, column } = positions.atChar(offset);
    statements.push({
      sql,
      text: trimmed,
      start,
      end,
      offset,
      line,
      column,
      node: rawStmt.stmt,
      kind,
      nonTransactional: isNonTransactional(kind, node[kind]),
    });
  }
  const comments: Comment[] = [];
  // The only comments anyone reads are `schemaguard:` directives (lint-ignore): scan (a second
  // pass over the file in WASM) only a file that mentions one.
  if (text.includes('schemaguard:')) {
    for (const token of scanSync(scannable(text)).tokens) {
      if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') comments.push({ start: token.start, end: token.end, text: token.text });
    }
  }
  // `relations: false` (lint): a walk over every parse tree that only the runner's lock report needs.
  return { path, text, directives, statements, comments, tables: options.relations === false ? [] : relationsOf(result), positions };
}

/**
 * libpg-query's scanner returns its tokens as JSON without escaping C0 control characters
 * (other than tab, LF, CR), so a quoted name holding one made the scan throw. Each becomes a
 * space: one byte for one byte, every offset unchanged; only a comment's text can differ.
 */
export function scannable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

function isNonTransactional(kind: string, body: unknown): boolean {
  const b = (body ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'IndexStmt':
    case 'DropStmt':
    case 'ReindexStmt':
      return b.concurrent === true || hasConcurrentParam(b.params);
    case 'VacuumStmt':
      return b.is_vacuumcmd === true;
    case 'CreatedbStmt':
    case 'DropdbStmt':
    case 'CreateTableSpaceStmt':
    case 'DropTableSpaceStmt':
    case 'AlterSystemStmt':
      return true;
    case 'AlterTableStmt':
      // ALTER TABLE … DETACH PARTITION … CONCURRENTLY (read from the command, not by
      // serialising every ALTER TABLE).
      return Array.isArray(b.cmds) && b.cmds.some((c) => {
        const cmd = (c as { AlterTableCmd?: { subtype?: string; def?: { PartitionCmd?: { concurrent?: boolean } } } }).AlterTableCmd;
        return cmd?.subtype === 'AT_DetachPartition' && cmd.def?.PartitionCmd?.concurrent === true;
      });
    default:
      return false;
  }
}

/** `(CONCURRENTLY [boolean])`: `REINDEX (CONCURRENTLY false)` may run in a transaction. */
function hasConcurrentParam(params: unknown): boolean {
  if (!Array.isArray(params)) return false;
  return params.some((p) => {
    const d = (p as { DefElem?: { defname?: string; arg?: { String?: { sval?: string }; Boolean?: { boolval?: boolean }; Integer?: { ival?: number } } } }).DefElem;
    if (d?.defname !== 'concurrently') return false;
    if (!d.arg) return true;
    if (d.arg.String) return ['true', 'on', '1', 'yes'].includes((d.arg.String.sval ?? '').toLowerCase());
    if (d.arg.Boolean) return d.arg.Boolean.boolval === true;
    if (d.arg.Integer) return (d.arg.Integer.ival ?? 0) !== 0;
    return true;
  });
}

const DROPPED_RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);

/** Every RangeVar in the parse tree: the tables a migration reads or changes. */
function relationsOf(tree: unknown): { schema: string | null; name: string }[] {
  const seen = new Map<string, { schema: string | null; name: string }>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    // A RangeVar appears wrapped ({RangeVar: {...}}) where the grammar allows any node and
    // bare where the field is typed RangeVar (CreateStmt.relation): match it by shape.
    const rv = node as { schemaname?: unknown; relname?: unknown };
    if (typeof rv.relname === 'string') {
      const schema = typeof rv.schemaname === 'string' ? rv.schemaname : null;
      seen.set(`${schema ?? ''}\u0000${rv.relname}`, { schema, name: rv.relname });
    }
    // DROP TABLE/INDEX/… names its objects as lists of strings, not RangeVars.
    const drop = (node as { DropStmt?: { removeType?: string; objects?: unknown[] } }).DropStmt;
    if (drop && DROPPED_RELATIONS.has(drop.removeType ?? '')) {
      for (const o of drop.objects ?? []) {
        const items = ((o as { List?: { items?: { String?: { sval?: string } }[] } }).List?.items ?? []).map((i) => i.String?.sval);
        const name = items[items.length - 1];
        if (typeof name === 'string') {
          const schema = items.length > 1 ? (items[items.length - 2] ?? null) : null;
          seen.set(`${schema ?? ''}\u0000${name}`, { schema, name });
        }
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(tree);
  return [...seen.values()];
}

export interface PrepareOptions {
  /** Config `strict: true`: no golang-migrate leniency (a lone CONCURRENTLY file needs its directive). */
  readonly strict?: boolean;
  /** Notes for stderr (the CLI's info). */
  readonly log?: (line: string) => void;
}

/**
 * True when every statement is `CREATE INDEX CONCURRENTLY` or `DROP INDEX CONCURRENTLY` (its
 * down file): golang-migrate runs such files outside a transaction, and so many real ones carry no directive.
 */
function onlyConcurrentIndexes(script: Script): boolean {
  return script.statements.length > 0 && script.statements.every((s) => (s.kind === 'IndexStmt' || s.kind === 'DropStmt') && s.nonTransactional);
}

/**
 * A parsed file as the runner will run it, or why it cannot run. A file without directive
 * that holds only `CREATE INDEX CONCURRENTLY` runs outside a transaction (with a note) unless strict.
 */
export function checkScript(script: Script, options: PrepareOptions = {}): { script: Script; note?: string } | { problem: string } {
  const path = script.path;
  if (script.directives.transaction) {
    const control = script.statements.find((s) => s.kind === 'TransactionStmt');
    if (control) {
      return {
        problem: `${path}: contains a transaction control statement (${control.sql.trim().split(/\s+/)[0]}); schemaguard runs each migration in its own transaction, so remove it (or start the file with -- schemaguard:no-transaction)`,
      };
    }
    if (onlyConcurrentIndexes(script) && !options.strict) {
      return {
        script: { ...script, directives: { ...script.directives, transaction: false } },
        note: `note: ${path} holds only CREATE/DROP INDEX CONCURRENTLY and no directive: running it outside a transaction (as golang-migrate does); add -- schemaguard:no-transaction to say so`,
      };
    }
    const outside = script.statements.find((s) => s.nonTransactional);
    if (outside) {
      return {
        problem: `${path}: ${outside.sql.trim().split('\n')[0]} cannot run inside a transaction; start the file with the directive -- schemaguard:no-transaction`,
      };
    }
  } else if (script.statements.some((s) => s.kind === 'TransactionStmt')) {
    return { problem: `${path}: a no-transaction file cannot contain BEGIN/COMMIT` };
  }
  return { script };
}

/**
 * Read, decode, parse and check every file before anything runs; every refused file is named
 * in one error (a user fixes them in one go, not one run at a time).
 */
export async function prepareScripts(
  files: readonly { readonly path: string; readonly shown?: string }[],
  read: (path: string) => string,
  options: PrepareOptions = {},
): Promise<Script[]> {
  await loadParser();
  const scripts: Script[] = [];
  const problems: string[] = [];
  for (const f of files) {
    try {
      const checked = checkScript(parseScript(f.shown ?? f.path, read(f.path)), options);
      if ('problem' in checked) problems.push(checked.problem);
      else {
        if (checked.note) options.log?.(checked.note);
        scripts.push(checked.script);
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length === 1) throw new ConfigError(problems[0]!);
  if (problems.length > 1) throw new ConfigError(`${problems.length} migration files refused, nothing was run: ${problems.join('; ')}`);
  return scripts;
}
