// The lint rules: stable ids (never renumbered, never reused), a short name, a severity, the
// one line the README carries for each, and the help text SARIF and `--help` show.

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, warning: 2, info: 1 };

export interface LintRule {
  readonly id: RuleId;
  readonly name: string;
  readonly severity: Severity;
  /** What the rule finds (the README row). */
  readonly summary: string;
  /** Why it breaks and the safe form, for SARIF's help and a reader new to the rule. */
  readonly help: string;
}

export const RULE_IDS = [
  'SG000', 'SG001', 'SG002', 'SG003', 'SG004', 'SG005', 'SG006', 'SG007', 'SG008', 'SG009', 'SG010', 'SG011', 'SG012',
  'SG013', 'SG014', 'SG015', 'SG016', 'SG017', 'SG018', 'SG019', 'SG020', 'SG021', 'SG022', 'SG023', 'SG024', 'SG025',
  'SG026', 'SG027', 'SG028', 'SG029',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

type Meta = Omit<LintRule, 'id'>;

const META: Readonly<Record<RuleId, Meta>> = {
  SG000: {
    name: 'unreadable-file',
    severity: 'critical',
    summary: 'a file that cannot be read or parsed (SQL syntax error, invalid UTF-8, malformed directive): migrate would refuse it; or a malformed lint-ignore directive',
    help: 'migrate refuses the file before running anything. Fix the SQL at the position given; the other files are still linted. A malformed lint-ignore directive silences nothing: give it known rule ids and a reason.',
  },
  SG001: {
    name: 'index-without-concurrently',
    severity: 'warning',
    summary:
      'CREATE INDEX without CONCURRENTLY, or ADD PRIMARY KEY/UNIQUE/EXCLUDE without USING INDEX, on an existing table blocks writes for the whole build',
    help: 'Use CREATE INDEX CONCURRENTLY in a file that starts with -- schemaguard:no-transaction; for a key, build the unique index concurrently and ADD CONSTRAINT … USING INDEX.',
  },
  SG002: {
    name: 'constraint-without-not-valid',
    severity: 'warning',
    summary:
      'a foreign key or check added to an existing table without NOT VALID scans the table while holding a lock that blocks writes',
    help: 'Add the constraint NOT VALID (instant), then VALIDATE CONSTRAINT in a later migration: validation takes a lock that lets reads and writes through.',
  },
  SG003: {
    name: 'table-scan-or-rewrite',
    severity: 'warning',
    summary:
      'SET NOT NULL scans the table under an exclusive lock; a column type change, a volatile default, an identity or a stored generated column rewrites it',
    help: 'A rewrite or scan holds ACCESS EXCLUSIVE for its whole duration: every query on the table waits. Add a column and backfill in batches, or prove NOT NULL with a validated CHECK first.',
  },
  SG004: {
    name: 'not-null-column-without-default',
    severity: 'critical',
    summary: 'ADD COLUMN … NOT NULL without a DEFAULT fails on an existing table that has rows',
    help: 'Give the column a DEFAULT (a constant default is instant since PostgreSQL 11), or add it nullable, backfill, and set NOT NULL through a validated CHECK.',
  },
  SG005: {
    name: 'drop-with-data',
    severity: 'critical',
    summary: 'DROP TABLE or DROP COLUMN of something that still holds data in the target database (checked only with --db)',
    help: 'The data is gone once the migration commits. Move or archive it in an earlier migration, or confirm it is disposable and silence the finding with a reason.',
  },
  SG006: {
    name: 'column-added-twice',
    severity: 'warning',
    summary: 'a column added by two migrations (IF NOT EXISTS hides it at run time, and the down of either loses it)',
    help: 'Keep one ADD COLUMN, in the migration the column belongs to: the down file of the other would drop a column the first still owns.',
  },
  SG007: {
    name: 'missing-down',
    severity: 'warning',
    summary: 'an .up.sql migration without its .down.sql: it cannot be rolled back',
    help: 'Write the .down.sql that undoes the migration (schemaguard migrate create writes both files).',
  },
  SG008: {
    name: 'concurrently-in-transaction',
    severity: 'critical',
    summary:
      'CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY or DETACH PARTITION CONCURRENTLY in a migration that runs in a transaction (no `-- schemaguard:no-transaction` first line): it fails',
    help: 'PostgreSQL refuses these inside a transaction block. Put the statement in its own file whose first line is -- schemaguard:no-transaction.',
  },
  SG009: {
    name: 'drop-index-without-concurrently',
    severity: 'warning',
    summary: 'DROP INDEX without CONCURRENTLY on an existing table takes an ACCESS EXCLUSIVE lock on the table: reads and writes wait',
    help: 'Use DROP INDEX CONCURRENTLY IF EXISTS in a file that starts with -- schemaguard:no-transaction (down files too).',
  },
  SG010: {
    name: 'constraint-in-add-column',
    severity: 'warning',
    summary:
      'ADD COLUMN … REFERENCES / UNIQUE / PRIMARY KEY (or SERIAL PRIMARY KEY) on an existing table builds an index or validates a foreign key under the ADD COLUMN lock',
    help: 'Add the bare column first; then CREATE UNIQUE INDEX CONCURRENTLY and ADD CONSTRAINT … USING INDEX for a key, or ADD CONSTRAINT … FOREIGN KEY … NOT VALID and VALIDATE later for a reference.',
  },
  SG011: {
    name: 'validate-in-same-transaction',
    severity: 'warning',
    summary:
      'VALIDATE CONSTRAINT of a constraint added NOT VALID in the same transactional file: the ADD still holds its lock, so the scan blocks writes after all',
    help: 'schemaguard runs each file in one transaction, so NOT VALID then VALIDATE in one file keeps the ADD CONSTRAINT lock during the scan. Move VALIDATE (and a SET NOT NULL that relies on it) to the next migration, or run the file with -- schemaguard:no-transaction.',
  },
  SG012: {
    name: 'drop-column',
    severity: 'warning',
    summary: 'DROP COLUMN breaks the application instances still running the old code during a deploy (even when the column is empty)',
    help: 'Stop the application reading and writing the column first (deploy that), then drop it in a later migration.',
  },
  SG013: {
    name: 'drop-table',
    severity: 'warning',
    summary: 'DROP TABLE of a table this file did not create breaks the instances still running the old code during a deploy',
    help: 'Deploy code that no longer uses the table first, then drop it in a later migration (or rename it away and drop it after a release).',
  },
  SG014: {
    name: 'drop-database',
    severity: 'critical',
    summary: 'DROP DATABASE in a migration: everything in it is lost',
    help: 'Databases are not a migration\'s to drop: do it by hand, deliberately.',
  },
  SG015: {
    name: 'truncate-cascade',
    severity: 'warning',
    summary: 'TRUNCATE … CASCADE also empties every table that references it, recursively',
    help: 'Name each table to truncate explicitly, without CASCADE, so the migration says what it deletes.',
  },
  SG016: {
    name: 'rename',
    severity: 'warning',
    summary: 'RENAME COLUMN / ALTER TABLE … RENAME TO on an existing table: instances still running the old code fail on the old name mid-deploy',
    help: 'Add the new column (or a view with the new name), write both, backfill, move readers, and drop the old name in a later migration.',
  },
  SG017: {
    name: 'reindex-without-concurrently',
    severity: 'warning',
    summary: 'REINDEX without CONCURRENTLY blocks writes to the table (and reads that use the index) until it finishes',
    help: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a file that starts with -- schemaguard:no-transaction.',
  },
  SG018: {
    name: 'detach-partition-without-concurrently',
    severity: 'warning',
    summary: 'DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the parent table',
    help: 'Use DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a file that starts with -- schemaguard:no-transaction.',
  },
  SG019: {
    name: 'drop-not-null',
    severity: 'warning',
    summary: 'DROP NOT NULL on an existing table: readers that assume the column is never NULL break once NULLs are written',
    help: 'Make every reader NULL-safe first (deploy that), then drop the constraint.',
  },
  SG020: {
    name: 'domain-add-constraint',
    severity: 'warning',
    summary: 'ALTER DOMAIN … ADD CONSTRAINT checks every column of the domain under a lock that blocks writes',
    help: 'Add it NOT VALID, then ALTER DOMAIN … VALIDATE CONSTRAINT in a later migration.',
  },
  SG021: {
    name: 'not-rerunnable-without-transaction',
    severity: 'warning',
    summary:
      'a statement that fails when replayed (CREATE INDEX CONCURRENTLY without IF NOT EXISTS, DROP … without IF EXISTS, …) in a no-transaction file: after a crash mid-file the retry stops on it',
    help: 'Each statement of a no-transaction file commits on its own, so a retry replays those already done. Write IF NOT EXISTS / IF EXISTS; a failed CREATE INDEX CONCURRENTLY leaves an INVALID index to drop before the retry.',
  },
  SG022: {
    name: 'transaction-control',
    severity: 'critical',
    summary: 'BEGIN/COMMIT/ROLLBACK in a migration file: migrate refuses it (it manages the transaction itself)',
    help: 'Remove it: a file runs in one transaction unless its first line is -- schemaguard:no-transaction, and then each statement commits on its own.',
  },
  SG023: {
    name: 'default-of-unknown-volatility',
    severity: 'info',
    summary: 'ADD COLUMN with a DEFAULT calling a function lint does not know (a user function): if it is volatile, the table is rewritten under an ACCESS EXCLUSIVE lock',
    help: 'Declare the function IMMUTABLE or STABLE if it is, or add the column without the default, set the default afterwards, and backfill in batches.',
  },
  SG024: {
    name: 'prefer-text-to-char',
    severity: 'info',
    summary: 'char(n) pads with spaces and compares oddly; it is never faster than text',
    help: 'Use text (with a CHECK on length if the length matters).',
  },
  SG025: {
    name: 'prefer-bigint-key',
    severity: 'info',
    summary: 'an integer/serial primary key overflows at 2,147,483,647 rows and widening it later rewrites the table',
    help: 'Use bigint GENERATED ALWAYS AS IDENTITY (or bigserial) for primary keys.',
  },
  SG026: {
    name: 'prefer-timestamptz',
    severity: 'info',
    summary: 'timestamp without time zone stores wall-clock time with no zone: values shift when servers or sessions change zones',
    help: 'Use timestamptz (timestamp with time zone).',
  },
  SG027: {
    name: 'prefer-text-to-varchar',
    severity: 'info',
    summary: 'varchar(n) where text would do: raising the limit later is a migration, and a lower one rewrites the table',
    help: 'Use text, with a CHECK (char_length(col) <= n) if the limit is a rule of the data.',
  },
  SG028: {
    name: 'identifier-too-long',
    severity: 'warning',
    summary: 'an identifier longer than 63 bytes: PostgreSQL silently truncates it, so later references to the full name miss it',
    help: 'Shorten the name to at most 63 bytes (UTF-8).',
  },
  SG029: {
    name: 'not-analysed',
    severity: 'info',
    summary: 'dynamic SQL (EXECUTE of a built string) in a DO block or function body: lint cannot read what it runs',
    help: 'Review that SQL by hand, or write it as static statements lint can check.',
  },
};

export const RULES: Readonly<Record<RuleId, LintRule>> = Object.fromEntries(
  RULE_IDS.map((id) => [id, { id, ...META[id] }]),
) as Record<RuleId, LintRule>;

export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
