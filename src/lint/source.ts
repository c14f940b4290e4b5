// A migration file as lint sees it: the migrate runner's parse of it (src/migrate/script.ts,
// the one parser of migration SQL), named by the path shown to the user.
import { ConfigError } from '../errors.js';
import { checkScript, loadParser, parseScript, ScriptSyntaxError, stripBom, type Comment, type Script, type Statement } from '../migrate/script.js';
import { positionMap } from './position.js';

export type { PositionMap } from './position.js';
export type SqlStatement = Statement;
export type SqlComment = Comment;

export interface SqlSource extends Script {
  /** The path as shown in findings. */
  readonly file: string;
}

/** Why a file could not be read as SQL, and where (1-based). */
export interface SourceProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The whole one-line error, as migrate prints it (`file:line:col: message`, `file: not valid UTF-8 …`). */
  readonly error: string;
}

/** Parse a migration file; a syntax error throws (ScriptSyntaxError, file:line:col). */
export async function parseSqlFile(file: string, text: string): Promise<SqlSource> {
  await loadParser();
  return asSource(file, parseScript(file, text));
}

function asSource(file: string, parsed: Script): SqlSource {
  // The runner's reading of the file (a lone CREATE INDEX CONCURRENTLY runs outside a
  // transaction); its refusals are lint findings, not errors, so keep the parse then.
  const checked = checkScript(parsed);
  return { ...('script' in checked ? checked.script : parsed), file };
}

/**
 * Parse a file for lint: a syntax error or a malformed directive is a problem to report at its
 * place, not an exception, so the other files are still linted.
 */
export function readSqlSource(file: string, text: string): SqlSource | SourceProblem {
  try {
    return asSource(file, parseScript(file, text, { relations: false }));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const details = (error.cause as { sqlDetails?: { message?: string; cursorPosition?: number } } | undefined)?.sqlDetails;
    if (error instanceof ScriptSyntaxError && details) {
      const at = positionMap(stripBom(text)).atChar(details.cursorPosition ?? 0);
      return { file, ...at, message: details.message ?? error.message, error: error.message };
    }
    return problemFromMessage(file, error.message);
  }
}

/** A problem from a `file:line[:col]: message` error (directives, UTF-8 decoding). */
export function problemFromMessage(file: string, message: string): SourceProblem {
  const m = message.startsWith(`${file}:`) ? /^(\d+)(?::(\d+))?: (.*)$/s.exec(message.slice(file.length + 1)) : null;
  if (m) return { file, line: Number(m[1]), column: Number(m[2] ?? 1), message: m[3]!, error: message };
  const line = /\(line (\d+)\)/.exec(message);
  const text = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  return { file, line: line ? Number(line[1]) : 1, column: 1, message: text, error: message };
}

export { loadParser };
