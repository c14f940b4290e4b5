import { UsageError, type ExitCode } from '../../errors.js';
import type { CommandContext } from '../context.js';

// Placeholder until introspection lands (issue 2).
export async function inspectCommand(_ctx: CommandContext, _opts: { format: 'table' | 'json' }): Promise<ExitCode> {
  throw new UsageError('inspect is not implemented yet');
}
