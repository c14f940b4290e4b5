// A migration file parsed by PostgreSQL's own grammar (libpg-query): its statements with
// their byte ranges, its comments (for directives), and a map from offsets to line:column.
import type { Node } from 'libpg-query';
import { UsageError } from '../errors.js';
import { positionMap, type PositionMap } from './position.js';

export interface SqlStatement {
  /** Byte range of the statement in the file. */
  readonly start: number;
  readonly end: number;
  readonly node: Node;
  /** The statement's text (for messages). */
  readonly text: string;
}

export interface SqlComment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface SqlSource {
  readonly file: string;
  readonly text: string;
  readonly statements: readonly SqlStatement[];
  readonly comments: readonly SqlComment[];
  readonly positions: PositionMap;
}

/** Bad SQL: exit 2 with file:line:col, like an unreadable file. */
export class SqlSyntaxError extends UsageError {}

type PgQuery = typeof import('libpg-query');
let loaded: Promise<PgQuery> | undefined;

/** The WASM parser, loaded once. */
export function loadParser(): Promise<PgQuery> {
  loaded ??= import('libpg-query').then(async (m) => {
    await m.loadModule();
    return m;
  });
  return loaded;
}

export async function parseSqlFile(file: string, text: string): Promise<SqlSource> {
  const pg = await loadParser();
  const positions = positionMap(text);
  let result: ReturnType<PgQuery['parseSync']>;
  try {
    result = pg.parseSync(text);
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error as Error).message ?? String(error);
    const at = positions.atChar(details?.cursorPosition ?? 0);
    throw new SqlSyntaxError(`${file}:${at.line}:${at.column}: ${message}`, { cause: error });
  }
  const bytes = Buffer.from(text, 'utf8');
  const statements: SqlStatement[] = [];
  for (const raw of result.stmts ?? []) {
    if (!raw.stmt) continue;
    const start = raw.stmt_location ?? 0;
    // stmt_len 0 means "to the end of the text".
    const end = raw.stmt_len ? start + raw.stmt_len : bytes.length;
    statements.push({ start, end, node: raw.stmt, text: bytes.subarray(start, end).toString('utf8').trim() });
  }
  const comments: SqlComment[] = [];
  for (const token of pg.scanSync(text).tokens) {
    if (token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT') {
      comments.push({ start: token.start, end: token.end, text: token.text });
    }
  }
  return { file, text, statements, comments, positions };
}
