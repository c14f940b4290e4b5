// schemaguard audit: introspect the live database, compare it with the models, report findings.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseHistoryTable } from '../../migrate/history.js';
import { loadConfig, loadModels } from '../../config/index.js';
import { connect, describeTarget } from '../../db/connect.js';
import { ExitCode, UsageError } from '../../errors.js';
import { AUDIT_FORMATS, defaultFormat, isCiFormat } from '../../report/formats.js';
import { parseReportSpecs, writeReports } from '../extra-reports.js';
import { moveNamespace, modelsNamespace } from '../../fleet/tenant-schema.js';
import { info, out, type CommandContext } from '../context.js';
import { requireDatabase } from '../database.js';
import type { AuditFlags } from './audit.def.js';
import type { AuditReportInput } from '../../report/audit-model.js';

// The audit itself, the diff and the renderers are loaded while the database answers: their
// imports start once the connection is on its way, not before the first byte is sent.
const auditModules = (formats: readonly string[]) => Promise.all([import('../../audit/run.js'), import('../../audit/audit.js'), import('../../audit/accepted.js'), renderer(formats)]);

/** JSON alone (a CI job's usual) loads its own renderer, not the table's chalk and the other six. */
async function renderer(formats: readonly string[]): Promise<(format: string, input: AuditReportInput) => string> {
  if (formats.every((f) => f === 'json')) {
    const { renderAuditJson } = await import('../../report/audit-json.js');
    return (_format, input) => renderAuditJson(input);
  }
  return (await import('../../report/audit.js')).renderAudit;
}

export async function auditCommand(ctx: CommandContext, flags: AuditFlags): Promise<ExitCode> {
  if (!/^\d+$/.test(flags.sample)) throw new UsageError(`--sample must be a whole number of documents (0 skips), not "${flags.sample}"`);
  const sample = Number(flags.sample);
  // Bad --report specs fail before any database work.
  const extra = parseReportSpecs(flags.report, AUDIT_FORMATS);
  const historyTable = parseHistoryTable(flags.historyTable);
  const config = await loadConfig(ctx.cwd, ctx.global);
  // Loaded while the connection opens and the database is introspected (runAudit): the
  // zod shapes of JSON columns only when documents are sampled.
  const loading = loadModels(config, { jsonShapes: sample > 0 }).then((compiled) =>
    flags.tenant === undefined ? compiled : moveNamespace(compiled, modelsNamespace(compiled.schema, config.schemas), flags.tenant),
  );
  loading.catch(() => undefined);
  // Errors in the order they had when the models were loaded first: a models error wins.
  const firstModels = async <T>(step: () => T | Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      await loading;
      throw error;
    }
  };
  const url = await firstModels(() => requireDatabase(ctx));

  // Two connections: introspection runs its heaviest query on the second, as inspect does.
  const connecting = connect(url, { max: 2 });
  connecting.then((sql) => ctx.onCleanup(() => sql.end({ timeout: 5 })), () => undefined);
  const format = flags.format ?? defaultFormat(ctx.env, 'table');
  const modules = auditModules([format, ...extra.map((e) => e.format)]);
  modules.catch(() => undefined);
  const [{ runAudit }, { reachesFailOn, summaryLine }, { loadAcceptedDrift }, renderAudit] = await modules;
  const accepted = await firstModels(() => loadAcceptedDrift(config.acceptedDrift));
  const sql = await firstModels(() => connecting);
  const namespaces = flags.tenant !== undefined ? [flags.tenant] : (config.schemas ?? undefined);
  const { result, pending } = await runAudit({
    sql,
    models: loading,
    ...(namespaces ? { namespaces } : {}),
    historyTable,
    ...(flags.historyTable !== undefined ? { historyTableSpec: flags.historyTable } : {}),
    migrationsDir: config.migrations,
    cwd: ctx.cwd,
    accepted,
    sample,
  });
  const failed = reachesFailOn(result, flags.failOn);
  const locations = [format, ...extra.map((e) => e.format)].some(isCiFormat) ? await (await import('../report-locations.js')).reportLocations(ctx, config) : undefined;
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
