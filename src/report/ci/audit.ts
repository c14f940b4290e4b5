// Audit findings as CI diagnostics: a rule per finding kind, the finding's severity as the
// level, its fix, and a location: the declaration in the models when known (a legacy
// declaration for legacy objects), else the migration that created the object, else the
// models entry file (code scanning files every result under a file) with the object as a
// logical location. Accepted drift is carried as suppressed (SARIF) and left out elsewhere.
import type { AuditResult, Finding, FindingRule, Severity } from '../../audit/index.js';
import { AUDIT_RULES, auditRule } from './audit-rules.js';
import type { Diagnostic, DiagnosticLevel, DiagnosticLocation, DiagnosticReport, FileLocation, LogicalLocation } from './diagnostic.js';
import { lookup, type Locations } from './locations.js';

export function levelOf(s: Severity): DiagnosticLevel {
  return s === 'critical' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

const KIND: Partial<Record<FindingRule, LogicalLocation['kind']>> = {
  'missing-table': 'table', 'renamed-table': 'table', 'undeclared-table': 'table', 'legacy-table': 'table', 'table-mismatch': 'table',
  'missing-column': 'column', 'renamed-column': 'column', 'undeclared-column': 'column', 'legacy-column': 'column', 'column-mismatch': 'column', 'jsonb-shape': 'column',
  'missing-enum': 'type', 'undeclared-enum': 'type', 'legacy-enum': 'type', 'enum-mismatch': 'type',
  'missing-index': 'index', 'orphaned-index': 'index', 'index-mismatch': 'index', 'invalid-index': 'index',
  'missing-constraint': 'constraint', 'orphaned-constraint': 'constraint', 'constraint-mismatch': 'constraint',
  'migration-history': 'migration',
};

/** The part of a finding's object after its table: `public.users.email` under `public.users` → `email`. */
function member(f: Finding): string | null {
  return f.table && f.object.startsWith(`${f.table}.`) ? f.object.slice(f.table.length + 1) : null;
}

/** `public.idx_x` → `idx_x`; enum objects carry `:order`-style suffixes. */
function bareName(object: string): string {
  const base = object.replace(/:[a-z-]+$/, '');
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(dot + 1) : base;
}

function declaredAt(f: Finding, loc: Locations): FileLocation | undefined {
  const m = loc.models;
  const mig = loc.migrations;
  const col = member(f);
  const enumName = f.object.replace(/:[a-z-]+$/, '');
  switch (KIND[f.rule]) {
    case 'column':
      if (f.rule === 'legacy-column' && f.table && col) return lookup(m?.legacy ? prefixed(m.legacy, 'column:') : undefined, `${f.table}.${col}`) ?? lookup(m?.tables, f.table);
      if (f.rule === 'undeclared-column') return lookup(mig?.objects, f.object) ?? lookup(m?.tables, f.table ?? '');
      return lookup(m?.columns, f.object) ?? lookup(m?.tables, f.table ?? '');
    case 'table':
      if (f.rule === 'legacy-table') return lookup(m?.legacy ? prefixed(m.legacy, 'table:') : undefined, f.object) ?? lookup(mig?.objects, f.object);
      if (f.rule === 'undeclared-table') return lookup(mig?.objects, f.object);
      return lookup(m?.tables, f.object);
    case 'type':
      if (f.rule === 'legacy-enum') return lookup(m?.legacy ? prefixed(m.legacy, 'enum:') : undefined, enumName) ?? lookup(mig?.objects, enumName);
      if (f.rule === 'undeclared-enum') return lookup(mig?.objects, enumName);
      return lookup(m?.enums, enumName);
    case 'index':
    case 'constraint': {
      const name = col ?? bareName(f.object);
      const declared = m?.objects[name] ?? m?.legacy[`index:${name}`];
      if (f.rule.startsWith('orphaned') || f.rule === 'invalid-index') return declared ?? lookup(mig?.objects, f.object) ?? lookup(m?.tables, f.table ?? '');
      return declared ?? lookup(m?.tables, f.table ?? '');
    }
    case 'migration': {
      const file = mig?.files[f.object.replace(/^migration /, '')];
      return file ? { file, line: 1 } : undefined;
    }
    default:
      return f.table ? lookup(m?.tables, f.table) : undefined;
  }
}

function prefixed(map: Readonly<Record<string, FileLocation>>, prefix: string): Record<string, FileLocation> {
  const out: Record<string, FileLocation> = {};
  for (const [k, v] of Object.entries(map)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

export function locateFinding(f: Finding, loc: Locations = {}): DiagnosticLocation {
  const logical: LogicalLocation = { name: f.object, kind: KIND[f.rule] ?? 'object' };
  const file = declaredAt(f, loc) ?? (loc.models?.entry ? { file: loc.models.entry, line: 1 } : undefined);
  return file ? { file, logical } : { logical };
}

export function findingDiagnostic(f: Finding, loc: Locations = {}): Diagnostic {
  return {
    rule: auditRule(f.rule),
    level: levelOf(f.severity),
    message: f.message,
    fix: f.fix,
    location: locateFinding(f, loc),
    fingerprint: f.id,
    ...(f.accepted ? { suppressed: { reason: f.accepted.reason, owner: f.accepted.owner, expires: f.accepted.expires } } : {}),
  };
}

export interface AuditDiagnosticsInput {
  readonly result: AuditResult;
  /** One line: the summary with the target, `… (db:5432/app)`. */
  readonly summary: string;
  readonly locations?: Locations;
}

export function auditDiagnostics(input: AuditDiagnosticsInput): DiagnosticReport {
  return {
    tool: 'audit',
    diagnostics: input.result.findings.map((f) => findingDiagnostic(f, input.locations)),
    rules: AUDIT_RULES,
    summary: input.summary,
  };
}
