// The CI formats every reporting command offers: `sarif`, `gcc`, `github`, `codequality`
// (GitLab). A command turns its
// result into a DiagnosticReport (see audit.ts, check.ts, lint's adapter) and calls
// renderDiagnostics; `defaultFormat` picks `github` inside GitHub Actions.
import { UsageError } from '../../errors.js';
import type { DiagnosticReport } from './diagnostic.js';
import { renderGcc } from './gcc.js';
import { renderGithub } from './github.js';
import { renderSarif } from './sarif.js';
import { renderCodeQuality } from './codequality.js';

export { CI_FORMATS, defaultFormat, isCiFormat, type CiFormat } from '../formats.js';
import { CI_FORMATS, type CiFormat } from '../formats.js';

export function renderDiagnostics(format: CiFormat, report: DiagnosticReport): string {
  switch (format) {
    case 'sarif':
      return renderSarif(report);
    case 'gcc':
      return renderGcc(report);
    case 'github':
      return renderGithub(report);
    case 'codequality':
      return renderCodeQuality(report);
    default:
      throw new UsageError(`unknown format "${String(format)}" (expected one of: ${CI_FORMATS.join(', ')})`);
  }
}


export { renderGcc } from './gcc.js';
export { renderCodeQuality } from './codequality.js';
export { escapeData, escapeProperty, renderGithub } from './github.js';
export { renderSarif, sarifLog, SARIF_SCHEMA_URI } from './sarif.js';
export * from './diagnostic.js';
export { auditDiagnostics, findingDiagnostic, locateFinding, levelOf, type AuditDiagnosticsInput } from './audit.js';
export { AUDIT_RULES, auditRule } from './audit-rules.js';
export { CHECK_RULES, checkDiagnostic, checkDiagnostics } from './check.js';
export { lookup, type Locations, type MigrationPositions, type SourcePositions } from './locations.js';
