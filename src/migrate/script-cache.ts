// A migrations directory parsed, as applying it needs it (apply.ts), kept in the compile cache
// (src/config/compile-cache.ts) by the content of every file: a cold `check` spent a fifth of
// its time loading libpg-query and parsing files that had not changed since the last run. One
// entry for the whole set (a directory of 300 files is one entry, not 300). Stored only once
// every file was accepted, so a refused file is refused again, by the parser, every time.
import { lookupCompiled, storeCompiled, type CompileCacheOptions } from '../config/compile-cache.js';
import { positionMap } from '../lint/position.js';
import type { ApplicableScript } from './apply.js';
import type { Script } from './script.js';

export interface MigrationFile {
  readonly path: string;
  /** The name in messages. */
  readonly shown: string;
}

interface StoredScript {
  readonly path: string;
  /** The file's text as parsed (BOM removed): the positions are rebuilt from it. */
  readonly text: string;
  readonly transaction: boolean;
  readonly statements: ReadonlyArray<{ readonly sql: string; readonly offset: number }>;
}

const KIND = 'migrations';

function entryName(files: readonly MigrationFile[]): string {
  return JSON.stringify(files.map((f) => [f.path, f.shown]));
}

/** The files as prepareScripts would give them, if the cache has them all unchanged. */
export async function cachedScripts(files: readonly MigrationFile[], cache: CompileCacheOptions = {}): Promise<ApplicableScript[] | undefined> {
  const found = await lookupCompiled<StoredScript[]>(KIND, entryName(files), cache);
  if (!found.hit) return undefined;
  return found.value.map((s) => ({ path: s.path, directives: { transaction: s.transaction }, statements: s.statements, positions: positionMap(s.text) }));
}

/** Keep what prepareScripts made of `files` (in the same order) for the next run. */
export async function storeScripts(files: readonly MigrationFile[], scripts: readonly Script[], cache: CompileCacheOptions = {}): Promise<void> {
  const value: StoredScript[] = scripts.map((s) => ({ path: s.path, text: s.text, transaction: s.directives.transaction, statements: s.statements.map((st) => ({ sql: st.sql, offset: st.offset })) }));
  await storeCompiled(KIND, entryName(files), { value, files: files.map((f) => f.path) }, cache);
}
