// The lint rules: stable ids (never renumbered, never reused), a short name, a severity and
// the one line the README carries for each.

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };

export interface LintRule {
  readonly id: RuleId;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
}

export const RULE_IDS = ['SG001', 'SG002', 'SG003', 'SG004', 'SG005', 'SG006', 'SG007', 'SG008'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const RULES: Readonly<Record<RuleId, LintRule>> = {
  SG001: {
    id: 'SG001',
    name: 'index-without-concurrently',
    severity: 'warning',
    summary:
      'CREATE INDEX without CONCURRENTLY, or ADD PRIMARY KEY/UNIQUE/EXCLUDE without USING INDEX, on an existing table blocks writes for the whole build',
  },
  SG002: {
    id: 'SG002',
    name: 'constraint-without-not-valid',
    severity: 'warning',
    summary:
      'a foreign key or check added to an existing table without NOT VALID scans the table while holding a lock that blocks writes',
  },
  SG003: {
    id: 'SG003',
    name: 'table-scan-or-rewrite',
    severity: 'warning',
    summary:
      'SET NOT NULL scans the table under an exclusive lock; a column type change, a volatile default, an identity or a stored generated column rewrites it',
  },
  SG004: {
    id: 'SG004',
    name: 'not-null-column-without-default',
    severity: 'critical',
    summary: 'ADD COLUMN … NOT NULL without a DEFAULT fails on an existing table that has rows',
  },
  SG005: {
    id: 'SG005',
    name: 'drop-with-data',
    severity: 'critical',
    summary: 'DROP TABLE or DROP COLUMN of something that still holds data in the target database (checked only with --db)',
  },
  SG006: {
    id: 'SG006',
    name: 'column-added-twice',
    severity: 'warning',
    summary: 'a column added by two migrations (IF NOT EXISTS hides it at run time, and the down of either loses it)',
  },
  SG007: {
    id: 'SG007',
    name: 'missing-down',
    severity: 'warning',
    summary: 'an .up.sql migration without its .down.sql: it cannot be rolled back',
  },
  SG008: {
    id: 'SG008',
    name: 'concurrently-in-transaction',
    severity: 'critical',
    summary: 'CREATE/DROP INDEX CONCURRENTLY or REINDEX CONCURRENTLY in a migration that runs in a transaction (no `-- schemaguard:no-transaction` first line): it fails',
  },
};

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
