// Load the models (and legacy declarations) the config points at and compile them to the IR.
import { ConfigError } from '../errors.js';
import { compileModels, type CompiledModels } from '../model/compile.js';
import { collectModels } from '../model/compile.js';
import type { ResolvedConfig } from './config.js';
import { importModule } from './import.js';

export async function loadModels(config: Pick<ResolvedConfig, 'models' | 'legacy'>): Promise<CompiledModels> {
  if (!config.models) {
    throw new ConfigError('no models given: pass --models FILE or set "models" in schemaguard.config.ts');
  }
  const exports = await importModule(config.models, 'models');
  const compiled = compileModels(exports);
  if (compiled.schema.tables.length === 0 && compiled.schema.enums.length === 0) {
    throw new ConfigError(`no models found in ${config.models}: export tables declared with table() and enums declared with enumType()`);
  }
  if (!config.legacy) return compiled;
  const extra = collectModels(await importModule(config.legacy, 'legacy declarations')).legacy;
  return { ...compiled, legacy: [...compiled.legacy, ...extra] };
}
