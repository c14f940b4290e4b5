import { historyProblems, problemsFromChanges, type CheckProblem } from '../../check/check.js';
import { connect } from '../../db/connect.js';
import { diff } from '../../diff/index.js';
import { ExitCode } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { out, type CommandContext } from '../context.js';
import { loadModelsSchema, modelNamespaces, modelScope, resolveConfig } from '../models.js';
import { listMigrationFiles } from '../../migrate/files.js';
import { loadSource, ScratchServer } from '../sources.js';
import type { CheckFlags } from './check.def.js';
import { CHECK_FORMATS, renderCheck } from '../../report/check.js';
import { parseReportSpecs, writeReports } from '../extra-reports.js';
import { defaultFormat, isCiFormat } from '../../report/ci/index.js';
import { reportLocations } from '../report-locations.js';

const HISTORY = { schema: 'public', table: 'schemaguard_migrations' };

export async function checkCommand(ctx: CommandContext, flags: CheckFlags): Promise<ExitCode> {
  // Bad --report specs fail before any database work.
  const extra = parseReportSpecs(flags.report, CHECK_FORMATS);
  // The scratch server starts first: it is a process of its own and boots while the config
  // and models load and the migrations parse here.
  const scratch = new ScratchServer(ctx);
  scratch.warmUp();
  const config = await resolveConfig(ctx);
  const files = listMigrationFiles(config.migrations).map((f) => f.name);
  const [models, built] = await Promise.all([
    loadModelsSchema(ctx, config),
    loadSource({ kind: 'migrations' }, ctx, { migrationsDir: config.migrations }, scratch),
  ]);
  const namespaces = modelNamespaces(config, models);
  const target = modelScope(models, namespaces);
  const problems: CheckProblem[] = problemsFromChanges('migrations', diff(modelScope(built.schema, namespaces), target));

  if (ctx.global.db) {
    const sql = await connect(ctx.global.db, { applicationName: 'schemaguard check' });
    ctx.onCleanup(() => sql.end({ timeout: 5 }));
    const live = await introspect(sql);
    problems.push(...problemsFromChanges('database', diff(modelScope(live, namespaces), target)));
    const [exists] = await sql<{ ok: boolean }[]>`select to_regclass(${`"${HISTORY.schema}"."${HISTORY.table}"`}) is not null as ok`;
    const applied = exists?.ok ? (await sql.unsafe<{ name: string }[]>(`select name from "${HISTORY.schema}"."${HISTORY.table}" order by name`)).map((r) => r.name) : null;
    problems.push(...historyProblems(files, applied, `${HISTORY.schema}.${HISTORY.table}`));
  }

  const format = flags.format ?? defaultFormat(ctx.env, 'text');
  const locations = [format, ...extra.map((e) => e.format)].some(isCiFormat) ? await reportLocations(ctx, config) : undefined;
  const input = { problems, migrations: files.length, database: Boolean(ctx.global.db), ...(locations ? { locations } : {}) };
  await writeReports(ctx, extra, (f) => renderCheck(f, input));
  out(ctx, renderCheck(format, input));
  return problems.length === 0 ? ExitCode.Clean : ExitCode.Drift;
}
