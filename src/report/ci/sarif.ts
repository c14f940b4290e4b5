// SARIF 2.1.0, what GitHub code scanning, Azure DevOps and most security dashboards ingest.
// One run per report; one reportingDescriptor per rule with its help text; one result per
// diagnostic, located in a file when the declaration is known, else at a logical location
// (plus, for code scanning, which needs a file, the file the object belongs to if the adapter
// gave one). Deterministic: no timestamps, stable order.
import { reportRules, SCHEMAGUARD_VERSION, type Diagnostic, type DiagnosticReport, type DiagnosticRule } from './diagnostic.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function ruleJson(r: DiagnosticRule): Record<string, unknown> {
  return {
    id: r.id,
    ...(r.name ? { name: r.name } : {}),
    shortDescription: { text: r.summary },
    fullDescription: { text: r.help },
    help: { text: r.help },
    defaultConfiguration: { level: r.level },
  };
}

function locationJson(d: Diagnostic): Record<string, unknown> {
  const f = d.location.file;
  const logical = d.location.logical;
  return {
    ...(f
      ? {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.line,
              ...(f.column !== undefined ? { startColumn: f.column } : {}),
              ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
              ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
            },
          },
        }
      : {}),
    ...(logical ? { logicalLocations: [{ fullyQualifiedName: logical.name, ...(logical.kind ? { kind: logical.kind } : {}) }] } : {}),
  };
}

function resultJson(d: Diagnostic, ruleIndex: number): Record<string, unknown> {
  // Code scanning shows only the message: the fix belongs in it too.
  const text = d.fix ? `${d.message}\nFix: ${d.fix}` : d.message;
  return {
    ruleId: d.rule.id,
    ruleIndex,
    level: d.level,
    message: { text },
    locations: [locationJson(d)],
    ...(d.fingerprint ? { partialFingerprints: { 'schemaguard/v1': d.fingerprint } } : {}),
    ...(d.suppressed
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: [d.suppressed.reason, d.suppressed.owner && `owner ${d.suppressed.owner}`, d.suppressed.expires && `until ${d.suppressed.expires}`].filter(Boolean).join('; ') }] }
      : {}),
    ...(d.fix ? { properties: { fix: d.fix } } : {}),
  };
}

export function sarifLog(report: DiagnosticReport): Record<string, unknown> {
  const rules = reportRules(report);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'schemaguard',
            semanticVersion: SCHEMAGUARD_VERSION,
            version: SCHEMAGUARD_VERSION,
            rules: rules.map(ruleJson),
          },
        },
        // Lets code scanning keep audit, lint and check alerts apart in one repository.
        automationDetails: { id: `schemaguard/${report.tool}/` },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The project root (where schemaguard ran).' } } },
        columnKind: 'utf16CodeUnits',
        results: report.diagnostics.map((d) => resultJson(d, index.get(d.rule.id) ?? -1)),
        properties: { summary: report.summary },
      },
    ],
  };
}

export function renderSarif(report: DiagnosticReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}
