// schemaguard audit: introspect the live database, compare it with the models, report findings.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { auditSchemas, loadAcceptedDrift, reachesFailOn, scopeSchema, summaryLine } from '../../audit/index.js';
import { collectJsonSamples, collectUsage } from '../../audit/collect.js';
import { loadConfig, loadModels } from '../../config/index.js';
import { connect, describeTarget, resolveDatabaseUrl } from '../../db/connect.js';
import { ExitCode, UsageError } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { renderAudit } from '../../report/audit.js';
import { info, out, type CommandContext } from '../context.js';
import type { AuditFlags } from './audit.def.js';

export async function auditCommand(ctx: CommandContext, flags: AuditFlags): Promise<ExitCode> {
  if (!/^\d+$/.test(flags.sample)) throw new UsageError(`--sample must be a whole number of documents (0 skips), not "${flags.sample}"`);
  const sample = Number(flags.sample);
  const config = await loadConfig(ctx.cwd, ctx.global);
  const models = await loadModels(config);
  const accepted = loadAcceptedDrift(config.acceptedDrift);
  const url = resolveDatabaseUrl(ctx.global.db, ctx.env);

  const sql = await connect(url, { max: 1 });
  ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const namespaces = config.schemas ?? models.schema.namespaces.map((n) => n.name);
  const actual = scopeSchema(await introspect(sql, { schemas: namespaces }), namespaces);
  const declared = new Set(models.schema.tables.map((t) => `${t.schema}.${t.name}`));
  const usage = await collectUsage(sql, actual.tables.filter((t) => !declared.has(`${t.schema}.${t.name}`)));
  const jsonSamples = await collectJsonSamples(sql, actual, models.jsonShapes, sample);

  const result = auditSchemas({
    actual,
    desired: scopeSchema(models.schema, namespaces),
    legacy: models.legacy,
    usage,
    jsonSamples,
    // Migration history findings join here once `migrate` exposes its status check.
    historyFindings: [],
    accepted,
  });
  const failed = reachesFailOn(result, flags.failOn);
  const report = renderAudit(flags.format, { result, target: describeTarget(url), failOn: flags.failOn, failed, color: ctx.color && !flags.out && flags.format === 'table' });
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
