// The root command: the global options, help text and error style every command shares.
// Kept apart from the command list (program.ts) so that running one command (main.ts) loads
// that command's definition only, not all of them (start-up time).
import { Command, Option } from 'commander';

export const EXIT_CODES_HELP = `
Exit codes:
  0  clean: nothing to report, or the command succeeded
  1  drift: findings at or above --fail-on
  2  usage, configuration or connection error
  3  a migration failed and was rolled back

The database comes from --db, else --env NAME's "db", DATABASE_URL, "db" in the config, then
libpq's PGSERVICE/PGHOST/PGPORT/PGUSER/PGDATABASE; a password missing from the URL comes from
PGPASSWORD or ~/.pgpass. A .env file in the working directory sets variables not already set.`;

export function createRoot(): Command {
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

  return program;
}

/** commander's "error: …\n(Did you mean …?)" as one line: `schemaguard: … (did you mean …?)`. */
export function usageLine(text: string): string {
  const parts = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const joined = parts.join(' ').replace(/^error: /, '').replace(/\(Did you mean/, '(did you mean');
  return `schemaguard: ${joined}\n`;
}
