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

const HISTORY = { schema: 'public', table: 'schemaguard_migrations' };

export async function checkCommand(ctx: CommandContext, flags: CheckFlags): Promise<ExitCode> {
  const config = await resolveConfig(ctx);
  const files = listMigrationFiles(config.migrations).map((f) => f.name);
  // Compiling the models and building the scratch database overlap.
  const [models, built] = await Promise.all([
    loadModelsSchema(ctx, config),
    loadSource({ kind: 'migrations' }, ctx, { migrationsDir: config.migrations }, new ScratchServer(ctx)),
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

  if (flags.format === 'json') {
    out(ctx, `${JSON.stringify({ version: 1, ok: problems.length === 0, migrations: files.length, database: Boolean(ctx.global.db), problems }, null, 2)}\n`);
  } else if (problems.length === 0) {
    out(ctx, `check passed: ${files.length} migration${files.length === 1 ? '' : 's'} build exactly what the models declare${ctx.global.db ? '; the database matches them and has applied every migration' : ''}`);
  } else {
    const lines = [`check failed: ${problems.length} difference${problems.length === 1 ? '' : 's'}`];
    const heading: Record<CheckProblem['subject'], string> = { migrations: 'migrations vs models', database: 'live database vs models', history: 'migration history' };
    for (const subject of ['migrations', 'database', 'history'] as const) {
      const own = problems.filter((p) => p.subject === subject);
      if (own.length === 0) continue;
      lines.push('', `${heading[subject]}:`, ...own.map((p) => `  - ${p.message}`));
    }
    if (problems.some((p) => p.subject === 'migrations')) lines.push('', 'to write the missing migration: schemaguard migrate generate NAME');
    out(ctx, lines.join('\n'));
  }
  return problems.length === 0 ? ExitCode.Clean : ExitCode.Drift;
}
