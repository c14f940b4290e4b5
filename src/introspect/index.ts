// introspect(): a live database → Schema, with one catalog query per object kind for the whole
// database, all inside one REPEATABLE READ READ ONLY transaction so they see one snapshot, and
// all sent at once (postgres.js pipelines them on the transaction's connection).
// search_path is pg_catalog alone so that format_type() and pg_get_expr() qualify every user
// type and function and spell the built-in ones canonically (see schema/types.ts).
import type { Sql } from '../db/connect.js';
import { ConnectionError, SchemaguardError, UsageError } from '../errors.js';
import type { Schema } from '../schema/types.js';
import { assembleSchema, type CatalogRows } from './assemble.js';
import { SERVER_VERSION_QUERY, SESSION_SETUP, catalogQueries, type CatalogQueryName } from './catalog.js';
import { asJsonRows } from './filters.js';
import type { NamespaceRow } from './namespaces.js';
import { versionNumber } from './server.js';

export { SERVER_VERSION_QUERY, SESSION_SETUP, catalogQueries } from './catalog.js';

export interface IntrospectOptions {
  /** Namespaces to read; default every non-system namespace. Unknown names are a UsageError. */
  readonly schemas?: readonly string[];
  /** Called once for each catalog query sent, with its name: lets benchmarks count them. */
  readonly onQuery?: (name: string) => void;
}

export async function introspect(sql: Sql, options: IntrospectOptions = {}): Promise<Schema> {
  const wanted = options.schemas && options.schemas.length > 0 ? [...new Set(options.schemas)] : null;
  const rows = await sql
    .begin('isolation level repeatable read read only', async (tx) => {
      const run = async <T>(name: string, text: string): Promise<T[]> => {
        options.onQuery?.(name);
        try {
          const [result] = (await tx.unsafe(text)) as unknown as { rows: T[] }[];
          return result?.rows ?? [];
        } catch (error) {
          throw new ConnectionError(`introspection failed querying ${name}: ${(error as Error).message}`, { cause: error });
        }
      };
      const reported = versionNumber((sql as unknown as { parameters?: Record<string, string> }).parameters?.server_version);
      const setup = tx.unsafe(SESSION_SETUP);
      const version = reported ?? (await run<{ version: number }>('server', asJsonRows(SERVER_VERSION_QUERY)))[0]?.version ?? 0;
      await setup;
      const queries = catalogQueries(version, wanted);
      const kinds = Object.keys(queries) as CatalogQueryName[];
      const results = await Promise.all(kinds.map((kind) => run<unknown>(kind, queries[kind])));
      return Object.fromEntries(kinds.map((kind, i) => [kind, results[i]])) as unknown as CatalogRows;
    })
    .catch((error: unknown) => {
      if (error instanceof SchemaguardError) throw error;
      throw new ConnectionError(`introspection failed: ${(error as Error).message}`, { cause: error });
    });
  return assembleSchema({ ...rows, namespaces: namespacesInScope(rows.namespaces, wanted) });
}

function namespacesInScope(all: readonly NamespaceRow[], wanted: readonly string[] | null): NamespaceRow[] {
  if (wanted === null) return [...all];
  const byName = new Map(all.map((n) => [n.name, n]));
  const unknown = wanted.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    const known = [...byName.keys()].sort().join(', ') || 'none';
    const list = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(`unknown schema ${list} (schemas in this database: ${known})`);
  }
  return wanted.map((name) => byName.get(name)!);
}
