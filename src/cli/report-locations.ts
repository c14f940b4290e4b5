// Where the CI formats (sarif, gcc, github) locate results: model declarations and the
// migrations that created each object, as paths relative to the repository root (the GitHub
// workspace when it holds the working directory, else the working directory), so code
// scanning and annotations land on the right file.
import { relative, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { modelDeclarations } from '../config/model-locations.js';
import { migrationObjectPositions } from '../migrate/object-locations.js';
import type { Locations } from '../report/ci/index.js';
import type { CommandContext } from './context.js';

export function reportRoot(ctx: Pick<CommandContext, 'cwd' | 'env'>): string {
  const ws = ctx.env.GITHUB_WORKSPACE ?? ctx.env.CI_PROJECT_DIR;
  if (ws) {
    const rel = relative(resolve(ws), ctx.cwd);
    if (!rel.startsWith('..')) return resolve(ws);
  }
  return ctx.cwd;
}

export async function reportLocations(ctx: Pick<CommandContext, 'cwd' | 'env'>, config: Pick<ResolvedConfig, 'models' | 'legacy' | 'migrations'>): Promise<Locations> {
  const root = reportRoot(ctx);
  const models = modelDeclarations(root, [config.models ?? undefined, config.legacy ?? undefined]);
  return { models, migrations: await migrationObjectPositions(root, config.migrations) };
}
