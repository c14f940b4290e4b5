// introspect(): a live database → Schema, with one catalog query per object kind for the whole
// database, all inside one REPEATABLE READ READ ONLY transaction so they see one snapshot.
// search_path is pg_catalog alone so that format_type() and pg_get_expr() qualify every user
// type and function and spell the built-in ones canonically (see schema/types.ts).
import type { Sql } from '../db/connect.js';
import { ConnectionError, SchemaguardError, UsageError } from '../errors.js';
import type { Schema } from '../schema/types.js';
import { assembleSchema, type CatalogRows } from './assemble.js';
import { PRELUDE_QUERIES, SESSION_SETUP, UNPARAMETERISED, objectQueries, type ObjectQueryName } from './catalog.js';
import type { NamespaceRow } from './namespaces.js';
import type { ServerRow } from './server.js';

export { PRELUDE_QUERIES, SESSION_SETUP, objectQueries } from './catalog.js';

export interface IntrospectOptions {
  /** Namespaces to read; default every non-system namespace. Unknown names are a UsageError. */
  readonly schemas?: readonly string[];
  /** Called once for each catalog query sent, with its name: lets benchmarks count them. */
  readonly onQuery?: (name: string) => void;
}

export async function introspect(sql: Sql, options: IntrospectOptions = {}): Promise<Schema> {
  const rows = await sql.begin('isolation level repeatable read read only', async (tx) => {
    const run = async <T>(name: string, text: string, namespaces?: readonly string[]): Promise<T[]> => {
      options.onQuery?.(name);
      try {
        const params = UNPARAMETERISED.has(name) ? [] : [namespaces as string[]];
        return (await tx.unsafe(text, params as never[])) as unknown as T[];
      } catch (error) {
        throw new ConnectionError(`introspection failed querying ${name}: ${(error as Error).message}`, { cause: error });
      }
    };
    await tx.unsafe(SESSION_SETUP);
    // Sent together: postgres.js pipelines queries on the transaction's connection.
    const [[server], allNamespaces] = await Promise.all([
      run<ServerRow>('server', PRELUDE_QUERIES.server),
      run<NamespaceRow>('namespaces', PRELUDE_QUERIES.namespaces),
    ]);
    const namespaces = selectNamespaces(allNamespaces, options.schemas);
    const names = namespaces.map((n) => n.name);
    const queries = objectQueries(server?.version ?? 0);
    const kinds = Object.keys(queries) as ObjectQueryName[];
    const results = await Promise.all(kinds.map((kind) => run<unknown>(kind, queries[kind], names)));
    const byKind = Object.fromEntries(kinds.map((kind, i) => [kind, results[i]]));
    return { ...byKind, namespaces } as unknown as CatalogRows;
  }).catch((error: unknown) => {
    if (error instanceof SchemaguardError) throw error;
    throw new ConnectionError(`introspection failed: ${(error as Error).message}`, { cause: error });
  });
  return assembleSchema(rows);
}

function selectNamespaces(all: readonly NamespaceRow[], wanted: readonly string[] | undefined): NamespaceRow[] {
  if (wanted === undefined || wanted.length === 0) return [...all];
  const byName = new Map(all.map((n) => [n.name, n]));
  const unknown = wanted.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    const known = all.map((n) => n.name).join(', ') || 'none';
    const list = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(`unknown schema ${list} (schemas in this database: ${known})`);
  }
  return [...new Set(wanted)].map((name) => byName.get(name)!);
}
