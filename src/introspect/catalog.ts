// The catalog queries, in the order they are sent. Their number does not depend on the size of
// the database: one per object kind. Exported so the benchmark can run exactly these from psql.
import { COLUMNS_QUERY } from './columns.js';
import { COMMENTS_QUERY } from './comments.js';
import { constraintsQuery } from './constraints.js';
import { DOMAINS_QUERY } from './domains.js';
import { ENUMS_QUERY } from './enums.js';
import { EXTENSIONS_QUERY } from './extensions.js';
import { GRANTS_QUERY } from './grants.js';
import { indexesQuery } from './indexes.js';
import { NAMESPACES_QUERY } from './namespaces.js';
import { POLICIES_QUERY } from './policies.js';
import { ROUTINES_QUERY } from './routines.js';
import { SEQUENCES_QUERY } from './sequences.js';
import { SERVER_QUERY } from './server.js';
import { TABLES_QUERY } from './tables.js';
import { TRIGGERS_QUERY } from './triggers.js';
import { VIEWS_QUERY } from './views.js';

/** Sent first: they decide the server version and the namespaces (`$1`) the others read. */
export const PRELUDE_QUERIES = { server: SERVER_QUERY, namespaces: NAMESPACES_QUERY } as const;

export function objectQueries(version: number) {
  return {
    tables: TABLES_QUERY,
    columns: COLUMNS_QUERY,
    constraints: constraintsQuery(version),
    indexes: indexesQuery(version),
    triggers: TRIGGERS_QUERY,
    policies: POLICIES_QUERY,
    views: VIEWS_QUERY,
    enums: ENUMS_QUERY,
    domains: DOMAINS_QUERY,
    sequences: SEQUENCES_QUERY,
    routines: ROUTINES_QUERY,
    extensions: EXTENSIONS_QUERY,
    comments: COMMENTS_QUERY,
    grants: GRANTS_QUERY,
  } as const;
}

export type ObjectQueryName = keyof ReturnType<typeof objectQueries>;

/** Queries that take `$1` (the namespaces); the others take no parameter. */
export const UNPARAMETERISED: ReadonlySet<string> = new Set(['server', 'namespaces', 'comments']);

/** The session settings introspection runs under (canonical type and expression spellings). */
export const SESSION_SETUP = `set local search_path = pg_catalog`;
