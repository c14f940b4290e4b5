import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';

export interface DiffFlags {
  readonly from: string;
  readonly to: string;
  readonly format: 'text' | 'sql' | 'json';
  readonly rename?: string[];
  readonly historyTable?: string;
  /** Exit 1 when the sources differ (as `git diff --exit-code`). */
  readonly exitCode?: boolean;
  /** False with --no-owners: owners are not compared (nor planned). */
  readonly owners?: boolean;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two schema sources and print the changes, or the SQL that makes FROM equal TO')
    .requiredOption('--from <source>', 'a postgres:// URL, "migrations" (applied to a throwaway database) or "models"')
    .requiredOption('--to <source>', 'a postgres:// URL, "migrations" or "models"')
    .addOption(new Option('--format <format>', 'text: summary and unified diff of DDL; sql: the plan (up); json: the changes').choices(['text', 'sql', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when the sources differ, 0 when they are equal (as git diff --exit-code)')
    .option('--no-owners', 'leave owners alone: do not compare them, nor plan ALTER … OWNER TO (they are compared only between two databases)')
    .option('--history-table <schema.name>', 'schemaguard\'s history table, never compared (default: public.schemaguard_migrations)')
    .option('--rename <old:new...>', 'confirm a likely rename (table: campaigns:lead_generation_campaigns, column: campaign_jobs.payload:job_payload)')
    .addHelpText(
      'after',
      `
"migrations" runs on an embedded PostgreSQL started for the command (or a database created on
$SCHEMAGUARD_SCRATCH_URL's server). Likely renames become RENAME only when confirmed (--rename,
or a y on a TTY); otherwise they are planned as drop + add. Owners are compared between two
databases only; the plan refuses a role the --from server lacks. --format sql prints nothing when
there is no difference. Exit 0 (with --exit-code: 0 when equal, 1 when they differ), 2 on bad input.`,
    )
    .action(async (opts: DiffFlags, cmd: Command) => {
      const [{ runAction }, { diffCommand }] = await Promise.all([import('../run.js'), import('./diff.js')]);
      await runAction(globalsOf(cmd), (ctx) => diffCommand(ctx, opts));
    });
}
