import { diff } from '../../diff/index.js';
import { ExitCode } from '../../errors.js';
import { plan } from '../../plan/plan.js';
import { withoutOwners } from '../../schema/owners.js';
import { changesWithRenames, renameLabel } from '../../plan/renames.js';
import { renderChangesJson, renderChangesText, renderPlanSql } from '../../report/plan.js';
import { info, out, type CommandContext } from '../context.js';
import { confirmRenames, parseRenameSpecs } from '../renames.js';
import { loadModelsSchema, modelNamespaces, modelScope, resolveConfig } from '../models.js';
import { loadSource, parseSource, ScratchServer } from '../sources.js';
import type { DiffFlags } from './diff.def.js';
import { ownTables } from '../history-flag.js';

export async function diffCommand(ctx: CommandContext, flags: DiffFlags): Promise<ExitCode> {
  const fromSpec = parseSource(flags.from, '--from');
  const toSpec = parseSource(flags.to, '--to');
  const specs = parseRenameSpecs(flags.rename);
  const config = await resolveConfig(ctx);
  const scratch = new ScratchServer(ctx);
  const options = {
    migrationsDir: config.migrations,
    ...(ctx.global.schema ? { schemas: ctx.global.schema } : {}),
    ownTables: ownTables(flags.historyTable),
    loadModels: () => loadModelsSchema(ctx, config),
  };
  const live = fromSpec.kind === 'url' ? fromSpec : toSpec.kind === 'url' ? toSpec : undefined;
  const built = fromSpec.kind === 'migrations' ? 'from' : toSpec.kind === 'migrations' ? 'to' : undefined;
  if (live && built) scratch.matchUrl(live.url);
  let [from, to] = await Promise.all([loadSource(fromSpec, ctx, options, scratch), loadSource(toSpec, ctx, options, scratch)]);
  const releases = live && built ? await scratch.mismatch() : undefined;
  if (releases) {
    // No server of the database's release to build on: view bodies compared by parse tree.
    const { alignViewBodies } = await import('../../introspect/view-deparse.js');
    if (built === 'from') from = { ...from, schema: (await alignViewBodies(from.schema, to.schema)).schema };
    else to = { ...to, schema: (await alignViewBodies(to.schema, from.schema)).schema };
    info(ctx, `note: migrations were applied on PostgreSQL ${releases.scratch}, the database runs ${releases.target} (no PostgreSQL ${releases.target} server found: set SCHEMAGUARD_PG_BINARIES_${releases.target} to its bin directory); view bodies are compared in a release-independent form`);
  }
  // Against models, compare only what models can declare.
  if (fromSpec.kind === 'models' || toSpec.kind === 'models') {
    const namespaces = modelNamespaces(config, fromSpec.kind === 'models' ? from.schema : to.schema);
    from = { ...from, schema: modelScope(from.schema, namespaces) };
    to = { ...to, schema: modelScope(to.schema, namespaces) };
  }
  if (flags.owners === false) {
    from = { ...from, schema: withoutOwners(from.schema) };
    to = { ...to, schema: withoutOwners(to.schema) };
  }
  const changes = diff(from.schema, to.schema);
  switch (flags.format) {
    // text and json report what the differ found, likely renames included (with their confidence).
    case 'json':
      out(ctx, renderChangesJson(changes, from.label, to.label));
      break;
    case 'sql': {
      const confirmed = await confirmRenames(ctx, from.schema, to.schema, specs, true, parseRenameSpecs(config.renames));
      const changes = changesWithRenames(from.schema, to.schema, (c) => confirmed.has(renameLabel(c)));
      const text = renderPlanSql(plan(changes, { from: from.schema, to: to.schema }), `schemaguard diff: from ${from.label} to ${to.label}`);
      if (text) out(ctx, text);
      break;
    }
    default:
      out(ctx, renderChangesText(changes, from.schema, to.schema, { from: from.label, to: to.label }, ctx.color));
  }
  return flags.exitCode && changes.length > 0 ? ExitCode.Drift : ExitCode.Clean;
}
