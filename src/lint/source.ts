// A migration file as lint sees it: the migrate runner's parse of it (src/migrate/script.ts,
// the one parser of migration SQL), named by the path shown to the user.
import { checkScript, loadParser, parseScript, type Comment, type Script, type Statement } from '../migrate/script.js';

export type { PositionMap } from './position.js';
export type SqlStatement = Statement;
export type SqlComment = Comment;

export interface SqlSource extends Script {
  /** The path as shown in findings. */
  readonly file: string;
}

export async function parseSqlFile(file: string, text: string): Promise<SqlSource> {
  await loadParser();
  const parsed = parseScript(file, text);
  // The runner's reading of the file (a lone CREATE INDEX CONCURRENTLY runs outside a
  // transaction); its refusals are lint findings, not errors, so keep the parse then.
  const checked = checkScript(parsed);
  return { ...('script' in checked ? checked.script : parsed), file };
}
