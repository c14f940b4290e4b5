// What lint reads in a file: its statements, and the static SQL inside DO blocks and PL/pgSQL
// function bodies (libpg-query's PL/pgSQL parser), each at its own place in the file. Dynamic
// EXECUTE cannot be read; it is reported once per body as "not analysed" (SG029).
import type { Node } from 'libpg-query';
import { parsePlPgSQLSync, parseSync } from '../migrate/script.js';
import { body, stringValues } from './ast.js';
import type { SqlSource, SqlStatement } from './source.js';

export interface Unit {
  /** Index of the file statement it is (or is inside): directives and the statement text. */
  readonly index: number;
  readonly node: Node;
  readonly kind: string;
  /** Byte range in the file. */
  readonly start: number;
  readonly end: number;
  /** Added to the node's own locations to make them file offsets (0 for a file statement). */
  readonly base: number;
  /** Whether node locations can be trusted (false when the body text could not be located). */
  readonly exact: boolean;
  /** Read from a DO block or function body (runs inside one statement, so in one transaction). */
  readonly inBody: 'do' | 'function' | null;
  /** The statement's own text, for messages (an inner statement's query). */
  readonly text: string;
}

export interface NotAnalysed {
  readonly index: number;
  readonly offset: number;
  readonly what: string;
}

const WORTH_READING = /\b(?:alter|create|drop|truncate|reindex|execute|comment|grant|revoke|cluster|vacuum|refresh|lock)\b/i;

interface DefElem {
  defname?: string;
  arg?: Node;
  location?: number;
}

export function unitsOf(source: SqlSource): { units: Unit[]; notAnalysed: NotAnalysed[] } {
  const units: Unit[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const statements = source.statements;
  for (let index = 0; index < statements.length; index++) {
    const stmt = statements[index]!;
    units.push({ index, node: stmt.node, kind: stmt.kind, start: stmt.start, end: stmt.end, base: 0, exact: true, inBody: null, text: stmt.text });
    if (stmt.kind === 'DoStmt' || stmt.kind === 'CreateFunctionStmt') readBody(source, stmt, index, units, notAnalysed);
  }
  return { units, notAnalysed };
}

/** The static statements of a DO block or function body, after the statement itself. */
function readBody(source: SqlSource, stmt: SqlStatement, index: number, units: Unit[], notAnalysed: NotAnalysed[]): void {
  const b = (stmt.node as unknown as Record<string, { args?: Node[]; options?: Node[] }>)[stmt.kind]!;
  const elems = (b.args ?? b.options ?? []).flatMap((n) => {
    const d = body<DefElem>(n, 'DefElem');
    return d ? [d] : [];
  });
  const language = elems.find((d) => d.defname === 'language');
  const lang = language ? (body<{ sval?: string }>(language.arg, 'String')?.sval ?? '').toLowerCase() : 'plpgsql';
  const as = elems.find((d) => d.defname === 'as');
  if (!as) return;
  const what = stmt.kind === 'DoStmt' ? 'DO block' : 'function body';
  if (lang !== 'plpgsql') {
    // SQL-language bodies are plain SQL (and checked by PostgreSQL at creation); others are opaque.
    if (lang !== 'sql' && stmt.kind === 'DoStmt') notAnalysed.push({ index, offset: stmt.start, what: `a ${lang} DO block` });
    return;
  }
  const bodyText =
    body<{ sval?: string }>(as.arg, 'String')?.sval ?? stringValues(body<{ items?: Node[] }>(as.arg, 'List')?.items)[0];
  // Only DDL and dynamic SQL inside a body concern any rule: a body without those words
  // (most trigger functions) is not worth its PL/pgSQL parse.
  if (bodyText === undefined || !WORTH_READING.test(bodyText)) return;
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(stmt.sql);
  } catch {
    notAnalysed.push({ index, offset: stmt.start, what: `a ${what} PostgreSQL's PL/pgSQL parser does not read` });
    return;
  }
  const inner = new BodyLocator(source, stmt.offset, stmt.start, as.location ?? stmt.start);
  let dynamic: number | undefined;
  walkPlpgsql(tree, (kind, lineno, query) => {
    if (kind === 'dynexecute') {
      dynamic ??= inner.lineOffset(lineno);
      return;
    }
    let parsed: ReturnType<typeof parseSync>;
    try {
      parsed = parseSync(query);
    } catch {
      return;
    }
    const at = inner.find(lineno, query);
    for (const raw of parsed.stmts ?? []) {
      if (!raw.stmt) continue;
      const kindName = Object.keys(raw.stmt)[0] ?? 'unknown';
      units.push({
        index,
        node: raw.stmt,
        kind: kindName,
        start: at.byte + (at.exact ? (raw.stmt_location ?? 0) : 0),
        end: at.byte + Buffer.byteLength(query, 'utf8'),
        base: at.byte,
        exact: at.exact,
        inBody: stmt.kind === 'DoStmt' ? 'do' : 'function',
        text: query.trim(),
      });
    }
  });
  if (dynamic !== undefined) notAnalysed.push({ index, offset: dynamic, what: `dynamic EXECUTE in a ${what}` });
}

/** Every static SQL statement (and each dynamic EXECUTE) of a PL/pgSQL parse tree, in order. */
function walkPlpgsql(node: unknown, visit: (kind: 'execsql' | 'dynexecute', lineno: number, query: string) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) walkPlpgsql(n, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'PLpgSQL_stmt_execsql') {
      const v = value as { lineno?: number; sqlstmt?: { PLpgSQL_expr?: { query?: string } } };
      const q = v.sqlstmt?.PLpgSQL_expr?.query;
      if (q) visit('execsql', v.lineno ?? 1, q);
      continue;
    }
    if (key === 'PLpgSQL_stmt_dynexecute' || key === 'PLpgSQL_stmt_dynfors' || key === 'PLpgSQL_stmt_open') {
      const v = value as { lineno?: number; query?: unknown; dynquery?: unknown };
      if (key !== 'PLpgSQL_stmt_open' || v.dynquery) visit('dynexecute', v.lineno ?? 1, '');
    }
    walkPlpgsql(value, visit);
  }
}

/**
 * Places in a body: PL/pgSQL line numbers count from the line the body string starts on. An
 * inner query is looked up from the start of its line, so its own node locations apply; when
 * the text is not there verbatim (a body written as a quoted string, with doubled quotes), the
 * start of its line stands for it.
 */
class BodyLocator {
  private readonly lineStarts: number[] = [];
  constructor(
    private readonly source: SqlSource,
    private readonly stmtChar: number,
    private readonly stmtByte: number,
    literalByte: number,
  ) {
    const text = source.text;
    let c = source.positions.charOf(literalByte);
    // Line 1 of the body is the line of its opening quote.
    while (c > 0 && text.charCodeAt(c - 1) !== 10) c--;
    this.lineStarts.push(c);
  }

  private lineStart(lineno: number): number {
    const text = this.source.text;
    while (this.lineStarts.length < lineno) {
      const prev = this.lineStarts[this.lineStarts.length - 1]!;
      const nl = text.indexOf('\n', prev);
      if (nl === -1) break;
      this.lineStarts.push(nl + 1);
    }
    return this.lineStarts[Math.min(lineno, this.lineStarts.length) - 1]!;
  }

  private byteOf(char: number): number {
    return this.stmtByte + Buffer.byteLength(this.source.text.slice(this.stmtChar, char), 'utf8');
  }

  lineOffset(lineno: number): number {
    const start = this.lineStart(lineno);
    const text = this.source.text;
    let c = start;
    while (c < text.length && (text[c] === ' ' || text[c] === '\t')) c++;
    return this.byteOf(c);
  }

  find(lineno: number, query: string): { byte: number; exact: boolean } {
    const start = this.lineStart(lineno);
    const at = this.source.text.indexOf(query, start);
    // The query starts on its line (PL/pgSQL gives the line of its first token).
    const end = this.source.text.indexOf('\n', start);
    if (at !== -1 && (end === -1 || at <= end)) return { byte: this.byteOf(at), exact: true };
    return { byte: this.lineOffset(lineno), exact: false };
  }
}
