// The schemaguard program. Command definitions are cheap; each command's implementation is
// imported only when it runs, so `--help` loads commander and little else.
import type { Command } from 'commander';
import { registerAudit } from './commands/audit.def.js';
import { registerDemo } from './commands/demo.def.js';
import { registerInspect } from './commands/inspect.def.js';
import { registerLint } from './commands/lint.def.js';
import { registerDiff } from './commands/diff.def.js';
import { registerCheck } from './commands/check.def.js';
import { registerMigrateGenerate } from './commands/migrate-generate.def.js';
import { registerMigrateRepair } from './commands/migrate-repair.def.js';
import { registerMigrate } from './commands/migrate.def.js';
import { registerPull } from './commands/pull.def.js';
import { createRoot } from './root.js';

export { EXIT_CODES_HELP, usageLine } from './root.js';

export function buildProgram(): Command {
  const program = createRoot();
  registerAudit(program);
  registerDemo(program);
  registerInspect(program);
  registerMigrate(program);
  registerLint(program);
  registerDiff(program);
  registerCheck(program);
  registerPull(program);
  // Joins the migrate group registered above.
  const migrate = program.commands.find((c) => c.name() === 'migrate') ?? program.command('migrate').description('migrations');
  registerMigrateGenerate(migrate);
  registerMigrateRepair(migrate);
  return program;
}
