// Migration-history problems (from `migrate`'s history check: applied vs files) as findings.
// The shape is structural so audit does not depend on the migrate layer; cli/ passes them in.
import type { Finding } from './finding.js';

export type HistoryProblemInput =
  | { readonly kind: 'checksum-mismatch'; readonly name: string; readonly recorded: string; readonly actual: string }
  | { readonly kind: 'missing-file'; readonly name: string }
  | { readonly kind: 'out-of-order'; readonly name: string; readonly latestApplied: string };

export function findingsFromHistory(problems: readonly HistoryProblemInput[], migrationsDir: string): Finding[] {
  return problems.map((p): Finding => {
    const base = { rule: 'migration-history' as const, severity: 'warning' as const, table: null, object: `migration ${p.name}`, accepted: null };
    switch (p.kind) {
      case 'checksum-mismatch':
        return {
          ...base,
          id: `migration-history:${p.name}:edited`,
          message: `migration ${p.name} was edited after it was applied (checksum ${p.recorded.slice(0, 12)}… recorded, ${p.actual.slice(0, 12)}… in ${migrationsDir}): the database may not be what the file now says`,
          fix: 'restore the file as it was applied and put the change in a new migration',
        };
      case 'missing-file':
        return {
          ...base,
          id: `migration-history:${p.name}:missing`,
          message: `migration ${p.name} is applied but its file is missing from ${migrationsDir}`,
          fix: 'restore the file from version control (never delete an applied migration)',
        };
      case 'out-of-order':
        return {
          ...base,
          id: `migration-history:${p.name}:out-of-order`,
          message: `migration ${p.name} is pending but numbered before the applied ${p.latestApplied}`,
          fix: 'renumber it after the latest applied migration',
        };
    }
  });
}
