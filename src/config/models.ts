// Load the models (and legacy declarations) the config points at and compile them to the IR.
import { ConfigError } from '../errors.js';
import type { CompiledModels } from '../model/compile.js';
import type { Schema } from '../schema/types.js';
import type { LegacyDeclaration } from '../model/legacy.js';
import { cachedCompile, type CompileCacheOptions } from './compile-cache.js';
import type { ResolvedConfig } from './config.js';
import { importModuleTracked } from './import.js';

/**
 * A fleet run audits hundreds of targets against the same models in one process: compiling
 * them once saves ~0.2 s of CPU per target. Off unless a fleet run turns it on, so a
 * single-target command (or a test that rewrites a models file) always reads the file.
 */
const cache = new Map<string, Promise<CompiledModels>>();
let caching = false;

export function cacheModelsForThisProcess(): void {
  caching = true;
}

export interface LoadModelsOptions {
  /**
   * Whether the caller uses `jsonShapes` (audit's JSONB sampling). The zod shapes live only in
   * the loaded modules, so models that declare some are read from their files when they are
   * needed; otherwise `jsonShapes` is empty and the compiled Schema may come from the disk cache.
   */
  readonly jsonShapes?: boolean;
  /** The disk cache of compiled models (src/config/compile-cache.ts). */
  readonly cache?: CompileCacheOptions;
}

export async function loadModels(config: Pick<ResolvedConfig, 'models' | 'legacy'>, options: LoadModelsOptions = {}): Promise<CompiledModels> {
  if (!caching) return compileCached(config, options);
  const key = `${config.models}\0${config.legacy}\0${options.jsonShapes !== false}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = compileCached(config, options);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** What the disk cache holds of compiled models: plain data only. */
interface StoredModels {
  readonly schema: Schema;
  readonly legacy: readonly LegacyDeclaration[];
  /** The keys of jsonShapes: models with any are compiled afresh when the shapes are needed. */
  readonly shapes: readonly string[];
}

async function compileCached(config: Pick<ResolvedConfig, 'models' | 'legacy'>, options: LoadModelsOptions): Promise<CompiledModels> {
  if (!config.models) {
    throw new ConfigError('no models given: pass --models FILE or set "models" in schemaguard.config.ts');
  }
  const models = config.models;
  const wantShapes = options.jsonShapes !== false;
  let fresh: CompiledModels | undefined;
  const stored = await cachedCompile<StoredModels>(
    'models',
    `${models}\0${config.legacy ?? ''}`,
    async () => {
      const { compiled, files } = await compileFromFiles(models, config.legacy);
      fresh = compiled;
      return { value: { schema: compiled.schema, legacy: compiled.legacy, shapes: [...compiled.jsonShapes.keys()] }, files };
    },
    options.cache,
  );
  if (fresh) return fresh;
  if (wantShapes && stored.shapes.length > 0) return (await compileFromFiles(models, config.legacy)).compiled;
  return { schema: stored.schema, legacy: stored.legacy, jsonShapes: new Map() };
}

async function compileFromFiles(models: string, legacy: string | null): Promise<{ compiled: CompiledModels; files: string[] | null }> {
  const { compileModels, collectModels } = await import('../model/compile.js');
  const imported = await importModuleTracked(models, 'models');
  let exports = imported.exports;
  // A Drizzle schema module: read through the user's drizzle-orm, then compiled like DSL models.
  const { exportsDrizzle, drizzleModels } = await import('../model/drizzle.js');
  if (exportsDrizzle(exports)) {
    const { tables, enums } = await drizzleModels(exports, models);
    exports = { tables, enums, legacy: collectModels(exports).legacy };
  }
  const compiled = compileModels(exports);
  if (compiled.schema.tables.length === 0 && compiled.schema.enums.length === 0) {
    throw new ConfigError(`no models found in ${models}: export tables declared with table() (or Drizzle's pgTable) and enums declared with enumType() (or pgEnum)`);
  }
  if (!legacy) return { compiled, files: imported.files && [...imported.files] };
  const extraModule = await importModuleTracked(legacy, 'legacy declarations');
  const extra = collectModels(extraModule.exports).legacy;
  const files = imported.files && extraModule.files ? [...imported.files, ...extraModule.files] : null;
  return { compiled: { ...compiled, legacy: [...compiled.legacy, ...extra] }, files };
}
