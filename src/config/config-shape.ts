// The config file's shape (zod) and its validation, apart from loading: a config whose
// validated content is in the compile cache (compile-cache.ts) is used without loading zod,
// which is most of a small command's start-up.
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { nearest } from '../nearest.js';
import { locateKey } from './positions.js';

const targetEntry = z.strictObject({
  name: z.string().min(1).optional(),
  db: z.string().min(1),
  schema: z.string().min(1).optional(),
  schemaPattern: z.string().min(1).optional(),
});

export type TargetConfigEntry = z.infer<typeof targetEntry>;

/** What may differ between a project's databases: chosen with `--env NAME`. */
export const environmentShape = z.strictObject({
  /** postgres:// URL (a password is better left to ~/.pgpass or PGPASSWORD); `${VAR}` is expanded. */
  db: z.string().min(1).optional(),
  /** The migration history table, [schema.]name. */
  historyTable: z.string().min(1).optional(),
  schemas: z.array(z.string().min(1)).min(1).optional(),
});

export const configShape = z.strictObject({
  /** The database when no --db, --env or DATABASE_URL says otherwise. */
  db: z.string().min(1).optional(),
  /** The migration history table, [schema.]name (default public.schemaguard_migrations). */
  historyTable: z.string().min(1).optional(),
  /** Named databases: `environments: { dev: { db, historyTable, schemas }, prod: { … } }`. */
  environments: z.record(z.string().min(1), environmentShape).optional(),
  /** The models entry module (exports tables, enums and legacy declarations). */
  models: z.string().min(1).optional(),
  /** Migrations directory. */
  migrations: z.string().min(1).optional(),
  /** PostgreSQL schemas to consider. */
  schemas: z.array(z.string().min(1)).min(1).optional(),
  /** A module exporting legacy declarations, when they are not in the models module. */
  legacy: z.string().min(1).optional(),
  /** The accepted-drift file (JSON). */
  acceptedDrift: z.string().min(1).optional(),
  /** Confirmed renames for diff and migrate generate, "old:new" (added by the plan issue). */
  renames: z.array(z.string().regex(/^[^:]+:[^:]+$/, 'expected "old:new"')).optional(),
  /** No golang-migrate leniency: a file of only CREATE INDEX CONCURRENTLY needs its no-transaction directive. */
  strict: z.boolean().optional(),
  /** `schemaguard lint` settings (added by the lint issue). */
  lint: z.strictObject({
    /** The migrations run outside a transaction (another runner): lint follows that, not the directive. */
    assumeNoTransaction: z.boolean().optional(),
  }).optional(),
  /**
   * Fleet targets (README, "Fleets"): a list of { name, db, schema? } (db: a URL or env:VAR), a
   * { db, schemaPattern } expanding to one target per tenant schema, or a targets file.
   */
  targets: z.union([z.string().min(1), targetEntry, z.array(targetEntry).min(1)]).optional(),
});

export type ConfigFile = z.infer<typeof configShape>;

export type EnvironmentConfig = z.infer<typeof environmentShape>;

/** The config file's exports, checked: the parsed config, or a ConfigError at file:line:col. */
export function validateConfig(file: string, raw: unknown, text: string | null): ConfigFile {
  const parsed = configShape.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(describeIssue(file, text, parsed.error.issues[0]!));
}

/** One line: file:line:col, the key's path and what is wrong with it. */
function describeIssue(file: string, text: string | null, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const at = locateKey(text, [...path, key]);
    const near = nearest(key, allowedKeys(path));
    return `${file}${at}: unknown key "${[...path, key].join('.')}"${near ? ` (did you mean "${near}"?)` : ''}`;
  }
  const at = locateKey(text, path);
  return `${file}${at}: ${path.length > 0 ? `"${path.join('.')}": ` : ''}${issue.message}`;
}

function allowedKeys(path: readonly string[]): string[] {
  if (path[0] === 'environments' && path.length === 2) return Object.keys(environmentShape.shape);
  return path.length === 0 ? Object.keys(configShape.shape) : [];
}
