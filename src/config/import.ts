// Load a TypeScript or JavaScript module without a build step, through jiti (imported lazily:
// only commands that need models pay for it). Any failure is one ConfigError line.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';

export async function importModule(path: string, what: string): Promise<unknown> {
  return (await importModuleTracked(path, what)).exports;
}

export interface ImportedModule {
  readonly exports: unknown;
  /**
   * The files the import read, the entry first: what a cache of anything computed from the
   * exports must check (src/config/compile-cache.ts). `null` when unknown (a native import).
   */
  readonly files: readonly string[] | null;
}

export async function importModuleTracked(path: string, what: string): Promise<ImportedModule> {
  if (!existsSync(path)) throw new ConfigError(`${what} file not found: ${path}`);
  try {
    if (/\.(c|m)?js$/.test(path)) {
      const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      return { exports: 'default' in mod && Object.keys(mod).length === 1 ? mod.default : mod, files: null };
    }
    const { createJiti } = await import('jiti');
    // jiti's module cache is the require cache: it lists every file jiti loaded. The project's
    // own entries are removed again afterwards, so the next import in this process reads them
    // afresh (a test or a watch loop that rewrites a models file); packages stay cached.
    const cache = createRequire(import.meta.url).cache;
    const before = new Set(Object.keys(cache));
    const jiti = createJiti(import.meta.url, { moduleCache: true, interopDefault: true, tryNative: true });
    let mod: Record<string, unknown>;
    let loaded: string[];
    try {
      mod = (await jiti.import(path)) as Record<string, unknown>;
    } finally {
      loaded = Object.keys(cache).filter((file) => !before.has(file) && !/[\\/]node_modules[\\/]/.test(file));
      for (const file of loaded) delete cache[file];
    }
    const files = [path, ...loaded.filter((file) => file !== path)];
    return { exports: mod && typeof mod === 'object' && 'default' in mod && Object.keys(mod).length === 1 ? mod.default : mod, files };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`cannot load ${what} ${locate(message, path)}: ${message.split('\n')[0]!.trim()}`, { cause: error });
  }
}

/**
 * path:line:col when the loader's message carries a position (jiti puts ` /abs/file.ts:2:12`
 * on the message's second line for syntax errors; the file may be one the models import).
 */
function locate(message: string, path: string): string {
  const at = /(\/[^\s:]+|[A-Za-z]:\\[^\s:]+):(\d+):(\d+)/.exec(message);
  return at ? `${at[1]}:${at[2]}:${at[3]}` : path;
}
