// introspect(): a live database → Schema, with one catalog query per object kind for the whole
// database, all inside one REPEATABLE READ READ ONLY transaction so they see one snapshot, and
// all sent at once (postgres.js pipelines them on the transaction's connection).
// search_path is pg_catalog alone so that format_type() and pg_get_expr() qualify every user
// type and function and spell the built-in ones canonically (see schema/types.ts).
import type { Sql } from '../db/connect.js';
import { ConnectionError, SchemaguardError, UsageError } from '../errors.js';
import { quoteLiteral } from '../schema/quote.js';
import type { QualifiedName, Schema } from '../schema/types.js';
import { assembleSchema, type CatalogRows } from './assemble.js';
import { SERVER_VERSION_QUERY, SESSION_SETUP, catalogQueries, type CatalogQueryName } from './catalog.js';
import { asJsonRows } from './filters.js';
import type { NamespaceRow } from './namespaces.js';
import { DEFAULT_OWN_TABLES, withoutOwnTables } from './own-tables.js';
import { versionNumber } from './server.js';

export { SERVER_VERSION_QUERY, SESSION_SETUP, catalogQueries } from './catalog.js';
export { DEFAULT_OWN_TABLES, withoutOwnTables } from './own-tables.js';

export interface IntrospectOptions {
  /** Namespaces to read; default every non-system namespace. Unknown names are a UsageError. */
  readonly schemas?: readonly string[];
  /** Called once for each catalog query sent, with its name: lets benchmarks count them. */
  readonly onQuery?: (name: string) => void;
  /**
   * Run the heaviest query on a second connection of the pool, in the same snapshot. Default:
   * when the pool allows two connections.
   */
  readonly parallel?: boolean;
  /**
   * schemaguard's own tables (the migration history) to leave out of the Schema. Default:
   * public.schemaguard_migrations; pass the --history-table in use when it is another.
   */
  readonly ownTables?: readonly QualifiedName[];
}

// The columns query is the heaviest by far (one row per column of every relation). On a pool
// of two or more connections it runs on a second connection that imports the first one's
// snapshot (pg_export_snapshot, as pg_dump -j does), so the server works on it while it
// answers the others, and the result is still one consistent snapshot.
const SIDE_QUERIES: readonly CatalogQueryName[] = ['columns'];

type Tx = Parameters<Parameters<Sql['begin']>[1]>[0];

export async function introspect(sql: Sql, options: IntrospectOptions = {}): Promise<Schema> {
  const wanted = options.schemas && options.schemas.length > 0 ? [...new Set(options.schemas)] : null;
  const parallel = options.parallel ?? poolSize(sql) >= 2;
  const run = async <T>(tx: Tx, name: string, text: string): Promise<T[]> => {
    options.onQuery?.(name);
    try {
      const [result] = (await tx.unsafe(text)) as unknown as { rows: T[] }[];
      return result?.rows ?? [];
    } catch (error) {
      throw new ConnectionError(`introspection failed querying ${name}: ${(error as Error).message}`, { cause: error });
    }
  };
  const rows = await sql
    .begin(READ_ONLY_SNAPSHOT, async (tx) => {
      const reported = versionNumber((sql as unknown as { parameters?: Record<string, string> }).parameters?.server_version);
      const setup = tx.unsafe(SESSION_SETUP);
      const version = reported ?? (await run<{ version: number }>(tx, 'server', asJsonRows(SERVER_VERSION_QUERY)))[0]?.version ?? 0;
      await setup;
      const queries = catalogQueries(version, wanted);
      const kinds = Object.keys(queries) as CatalogQueryName[];
      const side = parallel ? SIDE_QUERIES : [];
      let sideResults: Promise<unknown[][]> | null = null;
      if (side.length > 0) {
        const [exported] = await run<{ snapshot: string }>(tx, 'snapshot', asJsonRows(EXPORT_SNAPSHOT));
        sideResults = sql
          .begin(READ_ONLY_SNAPSHOT, async (sideTx) => {
            await sideTx.unsafe(`set transaction snapshot ${quoteLiteral(exported!.snapshot)}`);
            await sideTx.unsafe(SESSION_SETUP);
            return Promise.all(side.map((kind) => run<unknown>(sideTx, kind, queries[kind])));
          })
          // No second connection to be had (e.g. too many connections): run them here instead.
          .catch(() => Promise.all(side.map((kind) => run<unknown>(tx, kind, queries[kind]))));
      }
      const main = kinds.filter((kind) => !side.includes(kind));
      const [mainResults, sideRows] = await Promise.all([
        Promise.all(main.map((kind) => run<unknown>(tx, kind, queries[kind]))),
        sideResults ?? Promise.resolve([]),
      ]);
      const byKind = new Map<string, unknown[]>();
      main.forEach((kind, i) => byKind.set(kind, mainResults[i]!));
      side.forEach((kind, i) => byKind.set(kind, sideRows[i]!));
      return Object.fromEntries(kinds.map((kind) => [kind, byKind.get(kind)])) as unknown as CatalogRows;
    })
    .catch((error: unknown) => {
      if (error instanceof SchemaguardError) throw error;
      throw new ConnectionError(`introspection failed: ${(error as Error).message}`, { cause: error });
    });
  return withoutOwnTables(assembleSchema({ ...rows, namespaces: namespacesInScope(rows.namespaces, wanted) }), options.ownTables ?? DEFAULT_OWN_TABLES);
}

const READ_ONLY_SNAPSHOT = 'isolation level repeatable read read only';
const EXPORT_SNAPSHOT = 'select pg_export_snapshot() as snapshot';

function poolSize(sql: Sql): number {
  return (sql as unknown as { options?: { max?: number } }).options?.max ?? 1;
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
