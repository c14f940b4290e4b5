// Load a TypeScript or JavaScript module without a build step, through jiti (imported lazily:
// only commands that need models pay for it). Any failure is one ConfigError line.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';

export async function importModule(path: string, what: string): Promise<unknown> {
  if (!existsSync(path)) throw new ConfigError(`${what} file not found: ${path}`);
  try {
    if (/\.(c|m)?js$/.test(path)) {
      const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      return 'default' in mod && Object.keys(mod).length === 1 ? mod.default : mod;
    }
    const { createJiti } = await import('jiti');
    const jiti = createJiti(import.meta.url, { moduleCache: false, interopDefault: true, tryNative: true });
    const mod = (await jiti.import(path)) as Record<string, unknown>;
    return mod && typeof mod === 'object' && 'default' in mod && Object.keys(mod).length === 1 ? mod.default : mod;
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
