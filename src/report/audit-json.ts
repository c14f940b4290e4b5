// The JSON report: stable and versioned (docs/audit-json.md). Key order and finding order are
// fixed, no timestamps, so two runs on the same database give the same bytes.
import { summaryLine, type Finding } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';

export const AUDIT_JSON_VERSION = 1;

function findingJson(f: Finding): Record<string, unknown> {
  return {
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    object: f.object,
    message: f.message,
    fix: f.fix,
    accepted: f.accepted,
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
    ...(f.usage !== undefined ? { usage: f.usage } : {}),
    ...(f.legacy !== undefined ? { legacy: f.legacy } : {}),
    ...(f.documents !== undefined ? { documents: f.documents } : {}),
  };
}

export function renderAuditJson(input: AuditReportInput): string {
  const { result } = input;
  const doc = {
    schemaguard: 'audit',
    version: AUDIT_JSON_VERSION,
    target: input.target,
    failOn: input.failOn,
    failed: input.failed,
    summary: { ...result.totals, declaredTables: result.declaredTables, text: summaryLine(result) },
    tables: result.tables.map((t) => ({ table: t.table, status: t.status, origin: t.origin, findings: t.findings.map(findingJson) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
