import { Option, type Command } from 'commander';
import { globalsOf } from '../globals.js';
import { collect } from '../extra-reports.js';
import { AUDIT_FORMATS, type AuditFormat } from '../../report/formats.js';

export interface AuditFlags {
  /** Unset: table, or github inside GitHub Actions. */
  readonly format?: AuditFormat;
  readonly failOn: 'critical' | 'warning' | 'info' | 'never';
  readonly sample: string;
  readonly out?: string;
  readonly historyTable?: string;
  readonly reportUrl?: string;
  readonly report?: string[];
  /** Not a flag: a fleet's tenant target, audited as the models moved into this schema. */
  readonly tenant?: string;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('compare the live database with the models and report drift (exit 1 when findings reach --fail-on)')
    .addOption(new Option('--format <format>', 'report format (default: table; github inside GitHub Actions)').choices(AUDIT_FORMATS))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at least this severe').choices(['critical', 'warning', 'info', 'never']).default('critical'))
    .addOption(new Option('--sample <n>', 'JSONB documents to validate per column with a declared shape (0 skips)').default('1000'))
    .addOption(new Option('--out <file>', 'write the report to FILE instead of stdout'))
    .option('--report <format=file>', 'also write the report in FORMAT to FILE (repeatable): --report sarif=audit.sarif --report markdown=audit.md', collect)
    .option('--report-url <url>', 'markdown: where the full report is, linked when the report is cut to fit a pull-request comment (default: the CI run)')
    .option('--history-table <schema.name>', 'migration history table (default: public.schemaguard_migrations)')
    .action(async (opts: AuditFlags, cmd: Command) => {
      const [{ runAction }, { auditCommand }, detect] = await Promise.all([import('../run.js'), import('./audit.js'), import('../fleet/detect.js')]);
      await runAction(globalsOf(cmd), async (ctx) => {
        if (!(await detect.isFleetRun(ctx))) return auditCommand(ctx, opts);
        const fleet = await import('../fleet/fleet.js');
        const { auditTask } = await import('../fleet/tasks.js');
        return fleet.runFleetCommand(ctx, { command: 'audit', format: fleet.fleetFormat(opts.format), ...(opts.out ? { out: opts.out } : {}), task: auditTask(ctx, opts) });
      });
    });
}
