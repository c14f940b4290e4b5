// The catalog queries, in the order they are sent. Their number does not depend on the size of
// the database: one per object kind. Each returns its rows as one JSON array (asJsonRows) and
// takes no parameter (bindScope), so all of them go out in a single pipeline.
// Exported so the benchmark can run exactly these texts from psql.
import { collationsQuery } from './collations.js';
import { COLUMNS_QUERY } from './columns.js';
import { COMPOSITES_QUERY } from './composites.js';
import { COMMENTS_QUERY } from './comments.js';
import { constraintsQuery } from './constraints.js';
import { DEFAULT_PRIVILEGES_QUERY } from './default-privileges.js';
import { DEPENDENCIES_QUERY } from './dependencies.js';
import { DOMAINS_QUERY } from './domains.js';
import { ENUMS_QUERY } from './enums.js';
import { EXTENSIONS_QUERY } from './extensions.js';
import { asJsonRows, bindScope } from './filters.js';
import { GRANTS_QUERY } from './grants.js';
import { indexesQuery } from './indexes.js';
import { NAMESPACES_QUERY } from './namespaces.js';
import { OWNERS_QUERY, ROLES_QUERY } from './owners.js';
import { POLICIES_QUERY } from './policies.js';
import { rangesQuery } from './ranges.js';
import { ROUTINES_QUERY } from './routines.js';
import { RULES_QUERY } from './rules.js';
import { SEQUENCES_QUERY } from './sequences.js';
import { SERVER_QUERY } from './server.js';
import { TABLES_QUERY } from './tables.js';
import { TRIGGERS_QUERY } from './triggers.js';
import { VIEWS_QUERY } from './views.js';

/** Only needed when the connection did not report server_version at startup. */
export const SERVER_VERSION_QUERY = SERVER_QUERY;

export function catalogQueries(version: number, namespaces: readonly string[] | null) {
  const queries = {
    namespaces: NAMESPACES_QUERY,
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
    collations: collationsQuery(version),
    composites: COMPOSITES_QUERY,
    ranges: rangesQuery(version),
    rules: RULES_QUERY,
    comments: COMMENTS_QUERY,
    grants: GRANTS_QUERY,
    owners: OWNERS_QUERY,
    roles: ROLES_QUERY,
    defaultPrivileges: DEFAULT_PRIVILEGES_QUERY,
    dependencies: DEPENDENCIES_QUERY,
  };
  return Object.fromEntries(
    Object.entries(queries).map(([name, text]) => [name, asJsonRows(bindScope(text, namespaces))]),
  ) as typeof queries;
}

export type CatalogQueryName = keyof ReturnType<typeof catalogQueries>;

/** The session settings introspection runs under (canonical type and expression spellings). */
export const SESSION_SETUP = `set local search_path = pg_catalog`;
