// The schemaguard program. Command definitions are cheap; each command's implementation is
// imported only when it runs, so `--help` loads commander and little else.
import { Command, Option } from 'commander';
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

export const EXIT_CODES_HELP = `
Exit codes:
  0  clean: nothing to report, or the command succeeded
  1  drift: findings at or above --fail-on
  2  usage, configuration or connection error
  3  a migration failed and was rolled back

The database comes from --db, else DATABASE_URL.`;

export function buildProgram(): Command {
  const program = new Command('schemaguard')
    .description('Audit PostgreSQL schemas against TypeScript models; run safe up/down migrations.')
    .version('0.1.0', '-V, --version')
    // Collected: several --db make a fleet run (src/cli/fleet/); globalsOf keeps the last as `db`.
    .addOption(new Option('--db <url>', 'database URL (default: $DATABASE_URL); several: one run over all of them').argParser((v: string, prev: unknown) => [...(Array.isArray(prev) ? (prev as string[]) : []), v]))
    .option('--config <file>', 'config file (default: schemaguard.config.{ts,js,json})')
    .option('--migrations <dir>', 'migrations directory (default: ./migrations)')
    .option('--models <file>', 'models entry file (default: from the config)')
    .addOption(new Option('--schema <name...>', 'PostgreSQL schemas to consider (default: all non-system)'))
    .addOption(new Option('--target <name...>', 'fleet: the config targets to run on (globs allowed)'))
    .addOption(new Option('--schema-pattern <glob>', "fleet: one target per matching schema of each database (e.g. 'tenant_*')"))
    .addOption(new Option('--concurrency <n>', 'fleet: targets at a time (each uses one or two connections)'))
    .addOption(new Option('--target-timeout <duration>', 'fleet: give up on a target after this long (e.g. 60s, 5m; default none)'))
    .addOption(new Option('--fail-fast', 'fleet: start no more targets once one fails'))
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError(false)
    .enablePositionalOptions(false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str.split('\n')[0] + '\n') });

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
