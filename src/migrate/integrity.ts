// History versus files: pure, so `audit` can turn the same problems into findings.
import { compareVersions } from './files.js';

export interface AppliedMigration {
  readonly name: string;
  readonly version: string;
  readonly checksum: string;
  readonly appliedAt: Date;
  readonly executionMs: number;
  readonly appliedBy: string;
  readonly clientAddr: string | null;
  readonly clientHost: string | null;
  /** Recorded by `migrate baseline` without running. */
  readonly baseline: boolean;
}

export interface FileOnDisk {
  readonly name: string;
  readonly version: string;
  /** sha256 of the up file, line endings normalised. */
  readonly checksum: string;
}

export type HistoryProblem =
  | { readonly kind: 'checksum-mismatch'; readonly name: string; readonly recorded: string; readonly actual: string }
  | { readonly kind: 'missing-file'; readonly name: string }
  | { readonly kind: 'out-of-order'; readonly name: string; readonly latestApplied: string };

/** Applied-but-changed, applied-but-missing and pending-before-applied migrations, in file order. */
export function checkHistory(applied: readonly AppliedMigration[], files: readonly FileOnDisk[]): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const fileByName = new Map(files.map((f) => [f.name, f]));
  const appliedNames = new Set(applied.map((a) => a.name));
  const sortedApplied = [...applied].sort((a, b) => compareVersions(a.version, b.version));
  for (const a of sortedApplied) {
    const file = fileByName.get(a.name);
    if (!file) problems.push({ kind: 'missing-file', name: a.name });
    else if (file.checksum !== a.checksum) {
      problems.push({ kind: 'checksum-mismatch', name: a.name, recorded: a.checksum, actual: file.checksum });
    }
  }
  const latest = sortedApplied[sortedApplied.length - 1];
  if (latest) {
    for (const f of files) {
      if (!appliedNames.has(f.name) && compareVersions(f.version, latest.version) <= 0) {
        problems.push({ kind: 'out-of-order', name: f.name, latestApplied: latest.name });
      }
    }
  }
  return problems;
}

export function describeProblem(p: HistoryProblem): string {
  switch (p.kind) {
    case 'checksum-mismatch':
      return `${p.name} was applied but its up file has changed since (checksum ${p.recorded.slice(0, 12)}… recorded, ${p.actual.slice(0, 12)}… now)`;
    case 'missing-file':
      return `${p.name} was applied but its up file is missing`;
    case 'out-of-order':
      return `${p.name} is pending but numbered before the applied ${p.latestApplied}`;
  }
}
