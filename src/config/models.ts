// Load the models (and legacy declarations) the config points at and compile them to the IR.
import { ConfigError } from '../errors.js';
import { compileModels, type CompiledModels } from '../model/compile.js';
import { collectModels } from '../model/compile.js';
import type { ResolvedConfig } from './config.js';
import { importModule } from './import.js';

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

export async function loadModels(config: Pick<ResolvedConfig, 'models' | 'legacy'>): Promise<CompiledModels> {
  if (!caching) return compileFromFiles(config);
  const key = `${config.models}\0${config.legacy}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = compileFromFiles(config);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

async function compileFromFiles(config: Pick<ResolvedConfig, 'models' | 'legacy'>): Promise<CompiledModels> {
  if (!config.models) {
    throw new ConfigError('no models given: pass --models FILE or set "models" in schemaguard.config.ts');
  }
  let exports = await importModule(config.models, 'models');
  // A Drizzle schema module: read through the user's drizzle-orm, then compiled like DSL models.
  const { exportsDrizzle, drizzleModels } = await import('../model/drizzle.js');
  if (exportsDrizzle(exports)) {
    const { tables, enums } = await drizzleModels(exports, config.models);
    exports = { tables, enums, legacy: collectModels(exports).legacy };
  }
  const compiled = compileModels(exports);
  if (compiled.schema.tables.length === 0 && compiled.schema.enums.length === 0) {
    throw new ConfigError(`no models found in ${config.models}: export tables declared with table() (or Drizzle's pgTable) and enums declared with enumType() (or pgEnum)`);
  }
  if (!config.legacy) return compiled;
  const extra = collectModels(await importModule(config.legacy, 'legacy declarations')).legacy;
  return { ...compiled, legacy: [...compiled.legacy, ...extra] };
}
