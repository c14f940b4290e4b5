// The one loop that applies parsed migration files: each transactional file in one
// transaction, a `-- schemaguard:no-transaction` file statement by statement, each committed.
// `migrate up/down` (execute.ts runScript, with history and lock) and the scratch database of
// `check`/`diff --from migrations` both go through here, so a file means the same thing to both.
import type { Sql } from '../db/connect.js';
import { ConfigError } from '../errors.js';
import { offsetOfPosition, type Script, type Statement } from './script.js';

export interface ApplyHooks {
  /** Before a file runs. */
  readonly beforeScript?: (script: Script) => void;
  /** Turns a statement's failure into the error thrown (default: a ConfigError at file:line:col). */
  readonly onError?: (script: Script, statement: Statement, error: unknown, where: string) => Error;
}

export interface ApplyOptions {
  readonly hooks?: ApplyHooks;
}

/** file:line:col of a PostgreSQL error inside `st`: its `position` if it falls in the statement, else the statement's start. */
export function locateError(script: Script, st: Statement, error: unknown, text = st.sql, stmtStart = 0): string {
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
export function runsInTransaction(script: Script): boolean {
  return script.directives.transaction;
}

/** Apply `scripts` in the given order on `sql` (a connection of its own: max 1). Returns the files applied. */
export async function applyScripts(sql: Sql, scripts: readonly Script[], options: ApplyOptions = {}): Promise<number> {
  const hooks = options.hooks ?? {};
  for (const script of scripts) {
    hooks.beforeScript?.(script);
    const run = async (db: Sql) => {
      for (const st of script.statements) {
        try {
          await db.unsafe(st.sql);
        } catch (error) {
          const where = locateError(script, st, error);
          throw hooks.onError?.(script, st, error, where) ?? new ConfigError(`${where}: ${(error as Error).message}`, { cause: error });
        }
      }
    };
    if (runsInTransaction(script)) await sql.begin((tx) => run(tx as unknown as Sql));
    else await run(sql);
  }
  return scripts.length;
}
