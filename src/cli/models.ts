// The config and the models' Schema (config file + model compiler), for diff, check and
// migrate generate; and the part of a database schema that models can declare, so that
// migrations or a live database compare with models without false drift.
import { loadConfig, loadModels, type ResolvedConfig } from '../config/index.js';
import type { Schema, Table } from '../schema/types.js';
import type { CommandContext } from './context.js';

export function resolveConfig(ctx: CommandContext): Promise<ResolvedConfig> {
  return loadConfig(ctx.cwd, ctx.global);
}

export async function loadModelsSchema(ctx: CommandContext, config?: ResolvedConfig): Promise<Schema> {
  // Only the Schema is used: the compiled-models cache may answer without loading the files.
  return (await loadModels(config ?? (await resolveConfig(ctx)), { jsonShapes: false })).schema;
}

/** History tables of migration tools are nobody's model. */
export const TOOL_TABLES = new Set(['schemaguard_migrations', 'schemaguard_migrations_audit', 'schema_migrations', 'alembic_version', 'pgmigrations']);

/**
 * What models declare: tables (columns, keys, constraints, indexes, comments) and enums in the
 * given namespaces. Views, routines, triggers, policies, grants, sequences and extensions are
 * left out on both sides.
 */
export function modelScope(schema: Schema, namespaces: readonly string[]): Schema {
  const keep = new Set(namespaces);
  const table = ({ ownerRevoked: _owner, ...t }: Table): Table => ({ ...t, triggers: [], policies: [], grants: [], rowSecurity: { enabled: false, forced: false }, columns: t.columns.map((c) => ({ ...c, grants: [] })) });
  const tables = schema.tables.filter((t) => keep.has(t.schema) && !TOOL_TABLES.has(t.name)).map(table);
  // A serial column's sequence is part of the column: kept, so that a plan from models creates it.
  const serialOwners = new Set(tables.flatMap((t) => t.columns.filter((c) => !c.identity && c.default?.startsWith('nextval(')).map((c) => `${t.schema}.${t.name}.${c.name}`)));
  // Models declare no collations, composite or range types: against models they are neither missing nor extra.
  const { collations: _collations, composites: _composites, ranges: _ranges, ...rest } = schema;
  return {
    ...rest,
    // The schemas themselves, without comments (models cannot give one): a models schema that
    // the other side lacks is created (CREATE SCHEMA before its tables), never dropped.
    namespaces: schema.namespaces.filter((n) => keep.has(n.name)).map((n) => ({ name: n.name, comment: null })),
    extensions: [],
    views: [],
    routines: [],
    sequences: schema.sequences
      .filter((q) => q.ownedBy && q.name === `${q.ownedBy.name}_${q.ownedBy.column}_seq` && serialOwners.has(`${q.ownedBy.schema}.${q.ownedBy.name}.${q.ownedBy.column}`))
      .map(({ ownerRevoked: _owner, ...q }) => ({ ...q, grants: [] })),
    // Models cannot declare domains: against models, a domain is neither missing nor extra.
    domains: [],
    enums: schema.enums.filter((e) => keep.has(e.schema)),
    tables,
  };
}

/** The namespaces to compare: the config's, else those the models use. */
export function modelNamespaces(config: ResolvedConfig, models: Schema): string[] {
  if (config.schemas && config.schemas.length > 0) return [...config.schemas];
  const used = new Set([...models.tables.map((t) => t.schema), ...models.enums.map((e) => e.schema)]);
  return used.size > 0 ? [...used].sort() : ['public'];
}
