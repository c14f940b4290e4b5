// One shape for anything schemaguard reports to a CI system: audit findings, lint hazards and
// check differences all become Diagnostics, and the SARIF, gcc and GitHub renderers read only
// this. Plain data; each command's adapter decides rule ids, levels and locations.

/** SARIF's levels; gcc and GitHub map them to their own words. */
export type DiagnosticLevel = 'error' | 'warning' | 'note';

/** A place in a file. Lines and columns are 1-based; columns count UTF-16 code units. */
export interface FileLocation {
  /** Relative to the project root (the repository), with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** An object with no file position: `public.users.email`, and what kind of thing it is. */
export interface LogicalLocation {
  readonly name: string;
  readonly kind?: 'table' | 'column' | 'index' | 'constraint' | 'type' | 'view' | 'function' | 'schema' | 'migration' | 'object';
}

/** At least one of the two; both when the object is known and so is where it is declared. */
export type DiagnosticLocation =
  | { readonly file: FileLocation; readonly logical?: LogicalLocation }
  | { readonly file?: undefined; readonly logical: LogicalLocation };

export interface DiagnosticRule {
  /** Stable id: `missing-column`, `SG004`. */
  readonly id: string;
  /** Readable name when the id is a code: `not-null-column-without-default`. */
  readonly name?: string;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /** Why it matters and how to fix it, in plain text (a few sentences). */
  readonly help: string;
  readonly level: DiagnosticLevel;
}

export interface Diagnostic {
  readonly rule: DiagnosticRule;
  /** Overrides the rule's level for this one (a finding's own severity). */
  readonly level: DiagnosticLevel;
  readonly message: string;
  /** What to do about this one: an SQL statement, a command, a sentence. '' when none. */
  readonly fix: string;
  readonly location: DiagnosticLocation;
  /** Identity across runs (GitHub code scanning keeps an alert open while it reappears). */
  readonly fingerprint?: string;
  /**
   * Known and accepted (an accepted-drift entry, a lint ignore with a reason): SARIF carries it
   * as a suppressed result; gcc and GitHub leave it out.
   */
  readonly suppressed?: { readonly reason: string; readonly owner?: string; readonly expires?: string };
}

export interface DiagnosticReport {
  /** `schemaguard audit`, `schemaguard lint`: a SARIF run and an annotation title each. */
  readonly tool: 'audit' | 'lint' | 'check';
  readonly diagnostics: readonly Diagnostic[];
  /** Every rule the tool knows, reported or not (SARIF lists them); defaults to those used. */
  readonly rules?: readonly DiagnosticRule[];
  /** A one-line summary a log reader sees last (gcc and GitHub print it on stderr's behalf). */
  readonly summary: string;
}

export const SCHEMAGUARD_VERSION = '0.1.0';

/** The rules a report carries, in a stable order, with the reported ones included. */
export function reportRules(report: DiagnosticReport): DiagnosticRule[] {
  const byId = new Map<string, DiagnosticRule>();
  for (const r of report.rules ?? []) byId.set(r.id, r);
  for (const d of report.diagnostics) if (!byId.has(d.rule.id)) byId.set(d.rule.id, d.rule);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The diagnostics a line-oriented format shows: suppressed ones are left out. */
export function shown(report: DiagnosticReport): Diagnostic[] {
  return report.diagnostics.filter((d) => !d.suppressed);
}

/** Where to print a location in one line: `file:line:col`, or the object's name. */
export function locationLabel(location: DiagnosticLocation): string {
  const f = location.file;
  if (f) return `${f.file}:${f.line}${f.column !== undefined ? `:${f.column}` : ''}`;
  return location.logical.name;
}
