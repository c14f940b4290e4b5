export { defineConfig, loadConfig, CONFIG_FILES, type ConfigFile, type ResolvedConfig, type ConfigFlags } from './config.js';
export { loadModels } from './models.js';
export { importModule } from './import.js';
