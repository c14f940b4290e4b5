// JSON documents of the migrate subcommands (docs/json-output.md), for pipelines that act on
// what ran: `migrate up|down --format json`, `migrate status --format json`, `migrate generate
// --format json`. Each names itself and carries a version; within a version fields are only
// added. Pure functions of the runner's results (plain data); progress stays on stderr.

export const MIGRATE_JSON_VERSION = 1;

/** What `migrate up`/`down` did (or would do, with --dry-run). */
export interface MigrateRunInput {
  readonly direction: 'up' | 'down';
  readonly done: readonly { readonly name: string; readonly ms: number }[];
  readonly dryRunSql?: string;
  /** host:port/database, never credentials. */
  readonly target?: string;
}

export function renderMigrateRunJson(run: MigrateRunInput): string {
  const dryRun = run.dryRunSql !== undefined;
  const doc = {
    schemaguard: `migrate-${run.direction}`,
    version: MIGRATE_JSON_VERSION,
    ...(run.target !== undefined ? { target: run.target } : {}),
    direction: run.direction,
    dryRun,
    // Applied (up) or rolled back (down), in the order they ran; empty on a dry run.
    migrations: dryRun ? [] : run.done.map((d) => ({ name: d.name, ms: d.ms })),
    totalMs: dryRun ? 0 : run.done.reduce((s, d) => s + d.ms, 0),
    ...(dryRun ? { sql: run.dryRunSql } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `migrate status`: the runner's report, after the document's name, version and counts. */
export function renderMigrateStatusJson(report: { readonly migrations: readonly { readonly name: string; readonly state: string; readonly appliedAt: string | null }[] }): string {
  const applied = report.migrations.filter((m) => m.appliedAt !== null);
  const doc = {
    schemaguard: 'migrate-status',
    version: MIGRATE_JSON_VERSION,
    // The newest applied migration (file order), null before the first.
    current: applied.length > 0 ? applied[applied.length - 1]!.name : null,
    applied: applied.length,
    pending: report.migrations.filter((m) => m.state === 'pending' || m.state === 'out-of-order').length,
    ...report,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export interface GenerateJsonInput {
  /** Written files, relative to the project, as pairs. */
  readonly files: readonly { readonly up: string; readonly down: string }[];
  readonly statements: number;
  readonly changes: number;
  /** Hazard kinds of the written statements (`deletes-data`, `rewrites-table`, …). */
  readonly hazards: readonly string[];
  /** Why nothing was written: the migrations already match, or steps needing confirmation. */
  readonly refused?: readonly string[];
}

export function renderGenerateJson(g: GenerateJsonInput): string {
  const doc = {
    schemaguard: 'migrate-generate',
    version: MIGRATE_JSON_VERSION,
    written: g.files.length > 0,
    files: g.files.map((f) => ({ up: f.up, down: f.down })),
    statements: g.statements,
    changes: g.changes,
    hazards: [...g.hazards],
    refused: [...(g.refused ?? [])],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
