// schemaguard audit: introspect the live database, compare it with the models, report findings.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseHistoryTable } from '../../migrate/index.js';
import { loadAcceptedDrift, reachesFailOn, summaryLine } from '../../audit/index.js';
import { runAudit } from '../../audit/run.js';
import { loadConfig, loadModels } from '../../config/index.js';
import { connect, describeTarget } from '../../db/connect.js';
import { ExitCode, UsageError } from '../../errors.js';
import { AUDIT_FORMATS, renderAudit } from '../../report/audit.js';
import { parseReportSpecs, writeReports } from '../extra-reports.js';
import { defaultFormat, isCiFormat } from '../../report/ci/index.js';
import { reportLocations } from '../report-locations.js';
import { moveNamespace, modelsNamespace } from '../../fleet/tenant-schema.js';
import { info, out, type CommandContext } from '../context.js';
import { requireDatabase } from '../database.js';
import type { AuditFlags } from './audit.def.js';

export async function auditCommand(ctx: CommandContext, flags: AuditFlags): Promise<ExitCode> {
  if (!/^\d+$/.test(flags.sample)) throw new UsageError(`--sample must be a whole number of documents (0 skips), not "${flags.sample}"`);
  const sample = Number(flags.sample);
  // Bad --report specs fail before any database work.
  const extra = parseReportSpecs(flags.report, AUDIT_FORMATS);
  const historyTable = parseHistoryTable(flags.historyTable);
  const config = await loadConfig(ctx.cwd, ctx.global);
  const compiled = await loadModels(config);
  const models = flags.tenant === undefined ? compiled : moveNamespace(compiled, modelsNamespace(compiled.schema, config.schemas), flags.tenant);
  const accepted = loadAcceptedDrift(config.acceptedDrift);
  const url = requireDatabase(ctx);

  const sql = await connect(url, { max: 1 });
  ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const namespaces = flags.tenant !== undefined ? [flags.tenant] : (config.schemas ?? models.schema.namespaces.map((n) => n.name));
  const { result, pending } = await runAudit({
    sql,
    models,
    namespaces,
    historyTable,
    ...(flags.historyTable !== undefined ? { historyTableSpec: flags.historyTable } : {}),
    migrationsDir: config.migrations,
    cwd: ctx.cwd,
    accepted,
    sample,
  });
  const failed = reachesFailOn(result, flags.failOn);
  const format = flags.format ?? defaultFormat(ctx.env, 'table');
  const locations = [format, ...extra.map((e) => e.format)].some(isCiFormat) ? await reportLocations(ctx, config) : undefined;
  const input = { result, target: describeTarget(url), failOn: flags.failOn, failed, ...(locations ? { locations } : {}), ...fullReportOf(ctx.env, flags.reportUrl), pendingMigrations: pending };
  await writeReports(ctx, extra, (f) => renderAudit(f, input));
  const report = renderAudit(format, { ...input, color: ctx.color && !flags.out && format === 'table', ...(flags.out ? {} : { width: ctx.width }) });
  if (flags.out) {
    const path = resolve(ctx.cwd, flags.out);
    try {
      await writeFile(path, report);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    info(ctx, `${summaryLine(result)}; report written to ${flags.out}`);
  } else {
    out(ctx, report);
  }
  return failed ? ExitCode.Drift : ExitCode.Clean;
}

/** Where the Markdown report points when cut to a comment's size: --report-url, else the CI run's page. */
export function fullReportOf(env: NodeJS.ProcessEnv, flag: string | undefined): { fullReport?: string } {
  if (flag) return { fullReport: flag };
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) return { fullReport: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` };
  if (env.CI_JOB_URL) return { fullReport: env.CI_JOB_URL };
  return {};
}
