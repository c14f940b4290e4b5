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

The database comes from --db, else --env NAME's "db", DATABASE_URL, "db" in the config, then
libpq's PGSERVICE/PGHOST/PGPORT/PGUSER/PGDATABASE; a password missing from the URL comes from
PGPASSWORD or ~/.pgpass. A .env file in the working directory sets variables not already set.`;

export function buildProgram(): Command {
  const program = new Command('schemaguard')
    .description('Audit PostgreSQL schemas against TypeScript models; run safe up/down migrations.')
    .version('0.1.0', '-V, --version')
    // Collected: several --db make a fleet run (src/cli/fleet/); globalsOf keeps the last as `db`.
    .addOption(new Option('--db <url>', 'database URL (default: --env, $DATABASE_URL, "db" in the config, PG* variables); several: one run over all of them').argParser((v: string, prev: unknown) => [...(Array.isArray(prev) ? (prev as string[]) : []), v]))
    .option('--env <name>', 'an entry of "environments" in the config: its db, historyTable and schemas')
    .option('--config <file>', 'config file (default: schemaguard.config.{ts,js,json})')
    .option('--migrations <dir>', 'migrations directory (default: ./migrations)')
    .option('--models <file>', 'models entry file (default: from the config)')
    .addOption(new Option('--schema <name...>', 'PostgreSQL schemas to consider (default: all non-system)'))
    .addOption(new Option('--target <name...>', 'fleet: the config targets to run on (globs allowed)'))
    .addOption(new Option('--schema-pattern <glob>', "fleet: one target per matching schema of each database (e.g. 'tenant_*')"))
    .addOption(new Option('--concurrency <n>', 'fleet: connections at a time (a target uses one; inspect and migrate targets two)'))
    .addOption(new Option('--target-timeout <duration>', 'fleet: give up on a target after this long (e.g. 60s, 5m; default none)'))
    .addOption(new Option('--fail-fast', 'fleet: start no more targets once one fails'))
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError(false)
    // "unknown command 'audti'" says what to type instead; commander puts that on a second
    // line, which usageLine() folds into the one line every error gets.
    .showSuggestionAfterError(true)
    // Every subcommand's --help lists --db, --env, --config… (settings are copied to
    // subcommands when they are created, so this comes before the register calls).
    .configureHelp({ showGlobalOptions: true })
    .enablePositionalOptions(false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(usageLine(str)) });

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

/** commander's "error: …\n(Did you mean …?)" as one line: `schemaguard: … (did you mean …?)`. */
export function usageLine(text: string): string {
  const parts = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const joined = parts.join(' ').replace(/^error: /, '').replace(/\(Did you mean/, '(did you mean');
  return `schemaguard: ${joined}\n`;
}
