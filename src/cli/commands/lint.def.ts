import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export const LINT_FORMATS = ['table', 'json', 'markdown', 'junit', 'gcc', 'sarif', 'github', 'codequality'] as const;
export type LintFormatFlag = (typeof LINT_FORMATS)[number];

export interface LintFlags {
  /** Unset: `github` inside GitHub Actions (GITHUB_ACTIONS=true), else `table`. */
  readonly format?: LintFormatFlag;
  readonly failOn: 'critical' | 'warning' | 'info' | 'never';
  readonly out?: string;
  readonly assumeNoTransaction?: boolean;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('report hazards in migration SQL (default: every file in the migrations directory)')
    .argument('[files...]', 'migration files or directories')
    .addOption(new Option('--format <format>', 'output format (default: github under GitHub Actions, else table)').choices([...LINT_FORMATS]))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding reaches this severity')
        .choices(['critical', 'warning', 'info', 'never'])
        .default('warning'),
    )
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--assume-no-transaction', 'the files run outside a transaction (another runner): ignore the one-transaction-per-file model')
    .addHelpText(
      'after',
      `
Rules (silence one in the file with: -- schemaguard:lint-ignore SG001 reason: why):
  SG000 unreadable/unparsable file     SG001 index without CONCURRENTLY     SG002 constraint without NOT VALID
  SG003 scan or rewrite                SG004 NOT NULL column, no default    SG005 drop of data (--db)
  SG006 column added twice             SG007 missing down file              SG008 CONCURRENTLY in a transaction
  SG009 DROP INDEX, no CONCURRENTLY    SG010 key/reference in ADD COLUMN    SG011 VALIDATE in the ADD's transaction
  SG012 DROP COLUMN                    SG013 DROP TABLE                     SG014 DROP DATABASE
  SG015 TRUNCATE CASCADE               SG016 RENAME column/table            SG017 REINDEX, no CONCURRENTLY
  SG018 DETACH, no CONCURRENTLY        SG019 DROP NOT NULL                  SG020 ALTER DOMAIN ADD CONSTRAINT
  SG021 not re-runnable (no-tx file)  SG022 BEGIN/COMMIT in a migration    SG023 default of unknown volatility
  SG024 char(n)                        SG025 int primary key                SG026 timestamp without time zone
  SG027 varchar(n)                     SG028 identifier over 63 bytes       SG029 dynamic SQL not analysed
SG005 runs only when --db is given: it counts what each DROP would delete there.
Exit codes: 0 clean, 1 a finding at --fail-on or above, 2 bad input (a file that cannot be
read or parsed is reported as SG000 and every other file is still linted).`,
    )
    .action(async (files: string[], opts: LintFlags, cmd: Command) => {
      // libpg-query (WASM) starts compiling first, while the rest of lint loads (start-up time).
      const { preloadParser } = await import('./lint-preload.js');
      preloadParser();
      const g = globalsOf(cmd);
      // Only flags make lint a fleet run (it never connects unless asked): the fleet layer is
      // loaded only when they are there (start-up time).
      const maybeFleet = (g.dbs?.length ?? 0) > 1 || (g.target?.length ?? 0) > 0 || g.schemaPattern !== undefined;
      const [{ runAction }, { lintCommand }] = await Promise.all([import('../run.js'), import('./lint.js')]);
      await runAction(g, async (ctx) => {
        if (!maybeFleet || !(await (await import('../fleet/detect.js')).isFleetRun(ctx, { implicit: false }))) return lintCommand(ctx, files, opts);
        const [fleet, { lintTask }] = await Promise.all([import('../fleet/fleet.js'), import('../fleet/tasks.js')]);
        return fleet.runFleetCommand(ctx, { command: 'lint', format: fleet.fleetFormat(opts.format), ...(opts.out ? { out: opts.out } : {}), task: lintTask(ctx, files, opts) });
      });
    });
}
