import { ExitCode } from '../../errors.js';
import { CHECK_FORMATS, defaultFormat, isCiFormat } from '../../report/formats.js';
import { out, type CommandContext } from '../context.js';
import { parseReportSpecs, writeReports } from '../extra-reports.js';
import { ScratchServer } from '../scratch-server.js';
import type { CheckFlags } from './check.def.js';

const HISTORY = { schema: 'public', table: 'schemaguard_migrations' };

export async function checkCommand(ctx: CommandContext, flags: CheckFlags): Promise<ExitCode> {
  // Bad --report specs fail before any database work.
  const extra = parseReportSpecs(flags.report, CHECK_FORMATS);
  // The scratch server starts first: it is a process of its own and boots while the config
  // and models load and the migrations parse here.
  const scratch = new ScratchServer(ctx);
  scratch.warmUp();
  // Everything else is loaded once the server is on its way (this module is kept light for it).
  const [{ historyProblems, problemsFromChanges }, { connect }, { diff }, { introspect }, { loadModelsSchema, modelNamespaces, modelScope, resolveConfig }, { listMigrationFiles }, { loadSource }, { renderCheck }] = await Promise.all([
    import('../../check/check.js'),
    import('../../db/connect.js'),
    import('../../diff/index.js'),
    import('../../introspect/index.js'),
    import('../models.js'),
    import('../../migrate/files.js'),
    import('../sources.js'),
    import('../../report/check.js'),
  ]);
  const config = await resolveConfig(ctx);
  const files = listMigrationFiles(config.migrations).map((f) => f.name);
  const [models, built] = await Promise.all([
    loadModelsSchema(ctx, config),
    loadSource({ kind: 'migrations' }, ctx, { migrationsDir: config.migrations }, scratch),
  ]);
  const namespaces = modelNamespaces(config, models);
  const target = modelScope(models, namespaces);
  const problems: Array<ReturnType<typeof problemsFromChanges>[number]> = problemsFromChanges('migrations', diff(modelScope(built.schema, namespaces), target));

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
  const locations = [format, ...extra.map((e) => e.format)].some(isCiFormat) ? await (await import('../report-locations.js')).reportLocations(ctx, config) : undefined;
  const input = { problems, migrations: files.length, database: Boolean(ctx.global.db), ...(locations ? { locations } : {}) };
  await writeReports(ctx, extra, (f) => renderCheck(f, input));
  out(ctx, renderCheck(format, input));
  return problems.length === 0 ? ExitCode.Clean : ExitCode.Drift;
}
