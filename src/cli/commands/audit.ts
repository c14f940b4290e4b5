// schemaguard audit: introspect the live database, compare it with the models, report findings.
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { auditSchemas, findingsFromHistory, loadAcceptedDrift, reachesFailOn, scopeSchema, summaryLine, type Finding } from '../../audit/index.js';
import { collectJsonSamples, collectUsage } from '../../audit/collect.js';
import { loadConfig, loadModels } from '../../config/index.js';
import { connect, describeTarget } from '../../db/connect.js';
import { ExitCode, UsageError } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { displayHistory, historyCheck, parseHistoryTable, type HistoryTable } from '../../migrate/index.js';
import { listMigrationFiles } from '../../migrate/files.js';
import type { Sql } from '../../db/connect.js';
import { emptySchema, type Schema } from '../../schema/types.js';
import { AUDIT_FORMATS, renderAudit } from '../../report/audit.js';
import { parseReportSpecs, writeReports } from '../extra-reports.js';
import { defaultFormat, isCiFormat } from '../../report/ci/index.js';
import { reportLocations } from '../report-locations.js';
import { moveNamespace, modelsNamespace } from '../../fleet/tenant-schema.js';
import { info, out, type CommandContext } from '../context.js';
import { requireDatabase } from '../database.js';
import { ownTables } from '../history-flag.js';
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
  // A schema the models use but the database lacks is drift (its tables are missing), not a usage error.
  const existing = await existingNamespaces(sql, namespaces);
  const actual = withoutTable(scopeSchema(existing.length > 0 ? await introspect(sql, { schemas: existing, ownTables: ownTables(flags.historyTable) }) : emptySchema(), namespaces), historyTable);
  const declared = new Set(models.schema.tables.map((t) => `${t.schema}.${t.name}`));
  const usage = await collectUsage(sql, actual.tables.filter((t) => !declared.has(`${t.schema}.${t.name}`)));
  const jsonSamples = await collectJsonSamples(sql, actual, models.jsonShapes, sample);
  const history = await historyFindings(sql, ctx.cwd, config.migrations, historyTable);

  const result = auditSchemas({
    actual,
    desired: scopeSchema(models.schema, namespaces),
    legacy: models.legacy,
    usage,
    jsonSamples,
    historyFindings: history.findings,
    accepted,
  });
  const failed = reachesFailOn(result, flags.failOn);
  const format = flags.format ?? defaultFormat(ctx.env, 'table');
  const locations = [format, ...extra.map((e) => e.format)].some(isCiFormat) ? await reportLocations(ctx, config) : undefined;
  const input = { result, target: describeTarget(url), failOn: flags.failOn, failed, ...(locations ? { locations } : {}), ...fullReportOf(ctx.env, flags.reportUrl), pendingMigrations: history.pending };
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

/** The migration history table is schemaguard's own, not drift. */
function withoutTable(schema: Schema, h: HistoryTable): Schema {
  return { ...schema, tables: schema.tables.filter((t) => !(t.schema === h.schema && t.name === h.table)) };
}

/**
 * Applied migrations against the files (edited, missing, out of order), when the project has a
 * migrations directory and the database a history table; otherwise nothing to say.
 */
async function historyFindings(sql: Sql, cwd: string, dir: string, h: HistoryTable): Promise<{ findings: Finding[]; pending: string[] | null }> {
  if (!existsSync(dir)) return { findings: [], pending: null };
  const check = await historyCheck(sql, dir, h);
  if (!check.historyExists) return { findings: [], pending: null };
  // Pending: files not applied (for the report's next steps: `migrate up` before `generate`).
  const applied = new Set(check.applied.map((a) => a.name));
  const pending = listMigrationFiles(dir).map((f) => f.name).filter((n) => !applied.has(n));
  return { findings: findingsFromHistory(check.problems, `${relative(cwd, dir) || '.'} (history ${displayHistory(h)})`), pending };
}

async function existingNamespaces(sql: Sql, names: readonly string[]): Promise<string[]> {
  const rows = (await sql.unsafe(`select nspname as name from pg_catalog.pg_namespace where nspname = any($1::text[]) order by nspname`, [names as string[]])) as unknown as { name: string }[];
  return rows.map((r) => r.name);
}
