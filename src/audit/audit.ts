// The audit itself, pure: the live schema and the models in, findings grouped per table out.
// Evidence that needs the database (usage, JSONB samples, migration history) is gathered
// beforehand (collect.ts) and passed in, so this is testable on hand-built schemas.
import { diff } from '../diff/diff.js';
import type { LegacyDeclaration } from '../model/legacy.js';
import type { Schema } from '../schema/types.js';
import { applyAcceptedDrift, type AcceptedEntry } from './accepted.js';
import { SCHEMA_WIDE, severityRank, type AuditResult, type Finding, type TableReport, type TableStatus, type TableUsage } from './finding.js';
import { findingFromSample, type JsonSampleResult } from './jsonb.js';
import { findingsFromChanges } from './rules.js';

export interface AuditInput {
  /** The live database, introspected. */
  readonly actual: Schema;
  /** The models, compiled. */
  readonly desired: Schema;
  readonly legacy?: readonly LegacyDeclaration[];
  /** Usage of tables the models do not declare, keyed `schema.table`. */
  readonly usage?: ReadonlyMap<string, TableUsage>;
  readonly jsonSamples?: readonly JsonSampleResult[];
  /** Findings about the migration history (applied vs files), from the migration runner. */
  readonly historyFindings?: readonly Finding[];
  readonly accepted?: readonly AcceptedEntry[];
  /** Today, for accepted-drift expiry. */
  readonly now?: Date;
}

/** Keep only the objects of the given namespaces. */
export function scopeSchema(schema: Schema, namespaces: readonly string[]): Schema {
  const keep = new Set(namespaces);
  return {
    ...schema,
    namespaces: schema.namespaces.filter((n) => keep.has(n.name)),
    tables: schema.tables.filter((t) => keep.has(t.schema)),
    views: schema.views.filter((v) => keep.has(v.schema)),
    enums: schema.enums.filter((e) => keep.has(e.schema)),
    domains: schema.domains.filter((d) => keep.has(d.schema)),
    sequences: schema.sequences.filter((s) => keep.has(s.schema)),
    routines: schema.routines.filter((r) => keep.has(r.schema)),
    extensions: schema.extensions.filter((e) => keep.has(e.schema)),
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || (a.object < b.object ? -1 : a.object > b.object ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function auditSchemas(input: AuditInput): AuditResult {
  const legacy = input.legacy ?? [];
  const knownRenames = {
    tables: legacy
      .filter((l) => l.object === 'table' && l.renamedTo)
      .map((l) => ({ from: { schema: l.schema, name: l.name }, to: { schema: l.schema, name: l.renamedTo! } })),
    columns: legacy
      .filter((l) => l.object === 'column' && l.renamedTo && l.table)
      .map((l) => ({ table: { schema: l.schema, name: l.table! }, from: l.name, to: l.renamedTo! })),
  };
  const notRenamed = {
    tables: legacy.filter((l) => l.object === 'table' && !l.renamedTo).map((l) => ({ schema: l.schema, name: l.name })),
    columns: legacy
      .filter((l) => l.object === 'column' && !l.renamedTo && l.table)
      .map((l) => ({ table: { schema: l.schema, name: l.table! }, name: l.name })),
  };
  const changes = diff(input.actual, input.desired, { knownRenames, notRenamed });
  const raw: Finding[] = [
    ...findingsFromChanges(changes, { actual: input.actual, desired: input.desired, legacy, usage: input.usage ?? new Map() }),
    ...(input.jsonSamples ?? []).flatMap((s) => findingFromSample(s) ?? []),
    ...(input.historyFindings ?? []),
  ];
  const findings = applyAcceptedDrift(raw, input.accepted ?? [], input.now ?? new Date()).sort(compareFindings);

  const declared = new Set(input.desired.tables.map((t) => `${t.schema}.${t.name}`));
  const legacyTables = new Set(legacy.filter((l) => l.object === 'table').map((l) => `${l.schema}.${l.name}`));
  const groups = new Map<string, Finding[]>();
  for (const t of [...declared].sort()) groups.set(t, []);
  for (const f of findings) {
    const key = f.table ?? SCHEMA_WIDE;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const tables: TableReport[] = [...groups.entries()]
    .map(([table, list]): TableReport => {
      const open = list.filter((f) => f.accepted === null);
      const status: TableStatus = open.length === 0 ? 'ok' : open.reduce((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), open[0]!.severity);
      const origin = declared.has(table) || table === SCHEMA_WIDE ? 'declared' : legacyTables.has(table) ? 'legacy' : 'undeclared';
      return { table, status, origin, findings: list };
    })
    .sort((a, b) => {
      // schema-wide findings last, then by name
      if (a.table === SCHEMA_WIDE) return 1;
      if (b.table === SCHEMA_WIDE) return -1;
      return a.table < b.table ? -1 : a.table > b.table ? 1 : 0;
    });

  const open = findings.filter((f) => f.accepted === null);
  return {
    tables,
    findings,
    declaredTables: declared.size,
    totals: {
      findings: open.length,
      tables: new Set(open.flatMap((f) => (f.table === null ? [] : [f.table]))).size,
      critical: open.filter((f) => f.severity === 'critical').length,
      warning: open.filter((f) => f.severity === 'warning').length,
      info: open.filter((f) => f.severity === 'info').length,
      accepted: findings.length - open.length,
    },
  };
}

export type FailOn = 'critical' | 'warning' | 'info' | 'never';

/** True when an open finding reaches the threshold. */
export function reachesFailOn(result: AuditResult, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = severityRank(failOn);
  return result.findings.some((f) => f.accepted === null && severityRank(f.severity) >= threshold);
}

/** One line: "23 findings across 15 tables: 8 critical, 12 warnings, 3 info (2 accepted)". */
export function summaryLine(result: AuditResult): string {
  const t = result.totals;
  if (t.findings === 0) return `no drift: ${result.declaredTables} declared table${result.declaredTables === 1 ? ' matches' : 's match'} the database${t.accepted ? ` (${t.accepted} accepted)` : ''}`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(t.findings, 'finding')} across ${plural(t.tables, 'table')}: ${t.critical} critical, ${plural(t.warning, 'warning')}, ${t.info} info${t.accepted ? ` (${t.accepted} accepted)` : ''}`;
}
