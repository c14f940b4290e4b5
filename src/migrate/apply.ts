// The one loop that applies parsed migration files: each transactional file in one
// transaction, a `-- schemaguard:no-transaction` file statement by statement, each committed.
// `migrate up/down` (execute.ts runScript, with history and lock) and the scratch database of
// `check`/`diff --from migrations` both go through here, so a file means the same thing to both.
import type { Sql } from '../db/connect.js';
import { ConfigError } from '../errors.js';
import type { PositionMap } from '../lint/position.js';
import { offsetOfPosition } from './error-position.js';
import type { Directives, Statement } from './script.js';

/** What applying needs of a statement: a parsed one, or one from the cache of parsed files (script-cache.ts). */
export type ApplicableStatement = Pick<Statement, 'sql' | 'offset'>;

/** What applying needs of a parsed file (a Script is one). */
export interface ApplicableScript {
  readonly path: string;
  readonly directives: Pick<Directives, 'transaction'>;
  readonly statements: readonly ApplicableStatement[];
  readonly positions: Pick<PositionMap, 'atChar'>;
}

export interface ApplyHooks {
  /** Before a file runs. */
  readonly beforeScript?: (script: ApplicableScript) => void;
  /** Turns a statement's failure into the error thrown (default: a ConfigError at file:line:col). */
  readonly onError?: (script: ApplicableScript, statement: ApplicableStatement, error: unknown, where: string) => Error;
}

export interface ApplyOptions {
  readonly hooks?: ApplyHooks;
}

/** file:line:col of a PostgreSQL error inside `st`: its `position` if it falls in the statement, else the statement's start. */
export function locateError(script: ApplicableScript, st: ApplicableStatement, error: unknown, text = st.sql, stmtStart = 0): string {
  let offsetInStatement = 0;
  const position = Number((error as { position?: string }).position ?? NaN);
  if (Number.isFinite(position) && position > 0) {
    const inText = offsetOfPosition(text, position) - stmtStart;
    if (inText >= 0 && inText <= st.sql.length) offsetInStatement = inText;
  }
  const { line, column } = script.positions.atChar(st.offset + offsetInStatement);
  return `${script.path}:${line}:${column}`;
}

/** Whether a file runs in one transaction: its directive says so, as the runner reads it. */
export function runsInTransaction(script: ApplicableScript): boolean {
  return script.directives.transaction;
}

/** Apply `scripts` in the given order on `sql` (a connection of its own: max 1). Returns the files applied. */
export async function applyScripts(sql: Sql, scripts: readonly ApplicableScript[], options: ApplyOptions = {}): Promise<number> {
  const hooks = options.hooks ?? {};
  const fail = (script: ApplicableScript, st: ApplicableStatement, error: unknown): Error => {
    const where = locateError(script, st, error);
    return hooks.onError?.(script, st, error, where) ?? new ConfigError(`${where}: ${(error as Error).message}`, { cause: error });
  };
  for (const script of scripts) {
    hooks.beforeScript?.(script);
    if (runsInTransaction(script)) {
      await applyInTransaction(sql, script, fail);
      continue;
    }
    for (const st of script.statements) {
      try {
        await sql.unsafe(st.sql);
      } catch (error) {
        throw fail(script, st, error);
      }
    }
  }
  return scripts.length;
}

/**
 * BEGIN, the statements and COMMIT sent at once, each still a message of its own: a round trip
 * per statement was most of a cold `check` (issue 15). After a failure the server refuses the
 * rest of the file unrun (the transaction is aborted) and turns the COMMIT into a rollback, so
 * the first refusal is the statement that failed, as when they were sent one by one.
 */
async function applyInTransaction(sql: Sql, script: ApplicableScript, fail: (script: ApplicableScript, st: ApplicableStatement, error: unknown) => Error): Promise<void> {
  // Every message on one connection, in order, whatever the pool's size.
  const conn = await sql.reserve();
  try {
    const begin = conn.unsafe('BEGIN');
    const statements = script.statements.map((st) => conn.unsafe(st.sql));
    const commit = conn.unsafe('COMMIT');
    const [opened, ...settled] = await Promise.allSettled([begin, ...statements, commit]);
    if (opened!.status === 'rejected') throw opened.reason;
    const failed = settled.findIndex((r) => r.status === 'rejected');
    if (failed === -1) return;
    const reason = (settled[failed] as PromiseRejectedResult).reason;
    // A failed COMMIT (a deferred constraint) has ended the transaction: the file's last statement is blamed.
    const st = script.statements[Math.min(failed, script.statements.length - 1)];
    throw st ? fail(script, st, reason) : reason;
  } finally {
    conn.release();
  }
}
