// The models' Schema, through the config (models entry) and the model compiler.
import { ConfigError } from '../errors.js';
import type { Schema } from '../schema/types.js';
import type { CommandContext } from './context.js';

export async function loadModelsSchema(_ctx: CommandContext): Promise<Schema> {
  throw new ConfigError('models are not available yet in this build');
}
