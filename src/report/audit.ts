// Choose the renderer for an audit report.
import { UsageError } from '../errors.js';
import type { AuditReportInput } from './audit-model.js';
import { renderAuditJson } from './audit-json.js';
import { renderAuditJunit } from './audit-junit.js';
import { renderAuditMarkdown } from './audit-markdown.js';
import { renderAuditTable } from './audit-table.js';
import { auditDiagnostics, renderDiagnostics } from './ci/index.js';
import { summaryLine } from '../audit/index.js';

export { AUDIT_FORMATS, type AuditFormat } from './formats.js';
import { AUDIT_FORMATS } from './formats.js';

export function renderAudit(format: string, input: AuditReportInput): string {
  switch (format) {
    case 'table':
      return renderAuditTable(input);
    case 'json':
      return renderAuditJson(input);
    case 'markdown':
      return renderAuditMarkdown(input);
    case 'junit':
      return renderAuditJunit(input);
    case 'sarif':
    case 'gcc':
    case 'github':
    case 'codequality':
      return renderDiagnostics(format, auditDiagnostics({ result: input.result, summary: `${summaryLine(input.result)} (${input.target})`, ...(input.locations ? { locations: input.locations } : {}) }));
    default:
      throw new UsageError(`unknown format "${format}" (expected one of: ${AUDIT_FORMATS.join(', ')})`);
  }
}

export type { AuditReportInput } from './audit-model.js';
