// What an audit reports: findings with a severity, the object they concern, a message a person
// reads in a second, and the fix. Plain data, rendered by src/report/.

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** critical 3 > warning 2 > info 1. */
export function severityRank(s: Severity): number {
  return s === 'critical' ? 3 : s === 'warning' ? 2 : 1;
}

export type FindingRule =
  | 'missing-table'
  | 'undeclared-table'
  | 'legacy-table'
  | 'renamed-table'
  | 'missing-column'
  | 'undeclared-column'
  | 'legacy-column'
  | 'renamed-column'
  | 'column-mismatch'
  | 'table-mismatch'
  | 'missing-enum'
  | 'undeclared-enum'
  | 'legacy-enum'
  | 'enum-mismatch'
  | 'missing-index'
  | 'orphaned-index'
  | 'index-mismatch'
  | 'invalid-index'
  | 'missing-constraint'
  | 'orphaned-constraint'
  | 'constraint-mismatch'
  | 'undeclared-object'
  | 'legacy-object'
  | 'object-mismatch'
  | 'jsonb-shape'
  | 'migration-history'
  | 'acceptance-expired';

/** How much a legacy or undeclared table is still used: evidence for "safe to drop". */
export interface TableUsage {
  /** Exact row count, capped: `rowCountCapped` says the table holds at least this many. */
  readonly rowCount: number;
  readonly rowCountCapped: boolean;
  /** Sequential + index scans since statistics were last reset. */
  readonly reads: number;
  /** Rows inserted + updated + deleted since statistics were last reset. */
  readonly writes: number;
  /** ISO time of the last scan, when the server tracks it (PostgreSQL 16+). */
  readonly lastRead: string | null;
}

export interface Acceptance {
  readonly reason: string;
  readonly owner: string;
  /** ISO date (YYYY-MM-DD) after which the finding counts again. */
  readonly expires: string;
}

export interface Finding {
  /** Stable identity across runs: `rule:object`. Accepted-drift entries name it. */
  readonly id: string;
  readonly rule: FindingRule;
  readonly severity: Severity;
  /** Qualified name of the table the finding is grouped under, or null for schema-wide objects. */
  readonly table: string | null;
  /** The object concerned: `public.campaign_jobs.business_status`. */
  readonly object: string;
  readonly message: string;
  readonly fix: string;
  /** Set when an accepted-drift entry covers the finding (and has not expired). */
  readonly accepted: Acceptance | null;
  readonly usage?: TableUsage;
  /** For legacy objects: why they are legacy and what replaced them (from the declarations). */
  readonly legacy?: { readonly reason: string; readonly replacedBy: string | null };
  /** For renames: how sure the detection is (0..1). */
  readonly confidence?: number;
  /** For JSONB documents: sampled, failing, and the first failing paths. */
  readonly documents?: { readonly sampled: number; readonly failing: number; readonly paths: readonly string[] };
}

export type TableStatus = 'ok' | Severity;

export interface TableReport {
  /** Qualified name, or "(schema)" for findings that belong to no table. */
  readonly table: string;
  readonly status: TableStatus;
  /** declared: in the models; legacy: declared legacy; undeclared: in the database only. */
  readonly origin: 'declared' | 'legacy' | 'undeclared';
  readonly findings: readonly Finding[];
}

export interface Totals {
  /** Findings not covered by an acceptance. */
  readonly findings: number;
  /** Tables with at least one such finding. */
  readonly tables: number;
  readonly critical: number;
  readonly warning: number;
  readonly info: number;
  readonly accepted: number;
}

export interface AuditResult {
  readonly tables: readonly TableReport[];
  readonly findings: readonly Finding[];
  readonly totals: Totals;
  /** Tables compared: declared in the models. */
  readonly declaredTables: number;
}

export const SCHEMA_WIDE = '(schema)';
