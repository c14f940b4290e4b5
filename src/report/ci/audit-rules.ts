// Every audit finding kind as a CI rule: what it finds and how it is fixed, for SARIF's rule
// descriptors (code scanning shows the help beside each alert) and annotation titles. The rule
// table of docs/audit-json.md in sentences.
import type { FindingRule } from '../../audit/index.js';
import type { DiagnosticLevel, DiagnosticRule } from './diagnostic.js';

const GENERATE = 'Write the migration with `schemaguard migrate generate NAME` (it diffs migrations/ against the models), review it, then `schemaguard migrate up`.';
const UP = 'If a migration already does it, apply it with `schemaguard migrate up`; otherwise ' + GENERATE.charAt(0).toLowerCase() + GENERATE.slice(1);
const ACCEPT = 'Drift you will live with for now goes in the accepted-drift file with a reason, an owner and an expiry date.';

const RULES: Record<FindingRule, { summary: string; help: string; level: DiagnosticLevel }> = {
  'missing-table': { level: 'error', summary: 'A table the models declare is missing from the database.', help: `The application will fail on its first query to it. ${UP}` },
  'missing-column': { level: 'error', summary: 'A column the models declare is missing from its table.', help: `Queries naming the column fail. ${UP}` },
  'missing-enum': { level: 'error', summary: 'An enum type the models declare is missing from the database.', help: `Columns of the type cannot be created and casts to it fail. ${UP}` },
  'renamed-table': { level: 'error', summary: 'A declared table is absent under its name; a table of compatible shape exists under another name.', help: `Confirm the rename and write it as ALTER TABLE … RENAME (not drop + add: the data stays): \`schemaguard migrate generate NAME --rename old:new\`. ${ACCEPT}` },
  'renamed-column': { level: 'error', summary: 'A declared column is absent under its name; a column of compatible type exists under another name.', help: 'Confirm the rename and write it as ALTER TABLE … RENAME COLUMN (the data stays): `schemaguard migrate generate NAME --rename table.old:new`.' },
  'column-mismatch': { level: 'error', summary: 'A column differs from its declaration (type, nullability, default, identity, generation, collation or comment).', help: `Critical when the difference breaks the application (an incompatible type, NOT NULL without the default inserts rely on). Align the database or the models. ${GENERATE}` },
  'table-mismatch': { level: 'warning', summary: 'A table differs from its declaration in a table-level property (comment, persistence, partitioning, row security).', help: `Align the table with the models in a migration. ${GENERATE}` },
  'enum-mismatch': { level: 'error', summary: 'An enum type has labels missing, extra or in a different order than declared.', help: `A missing label makes writes of it fail (ALTER TYPE … ADD VALUE); extra labels are declared or removed once no row uses them. ${GENERATE}` },
  'undeclared-table': { level: 'warning', summary: 'A table exists in the database but no model declares it.', help: `Declare it in the models, declare it legacy (with why and what replaced it), or drop it in a migration once nothing reads it (the report gives its row count and reads). ${ACCEPT}` },
  'undeclared-column': { level: 'warning', summary: 'A column exists in the database but its model does not declare it.', help: 'Critical when it is NOT NULL without a default: inserts from the application fail. Declare it, give it a default, or drop it in a migration.' },
  'undeclared-enum': { level: 'note', summary: 'An enum type exists in the database but no model declares it.', help: 'Declare it with enumType(), or drop it once no column uses it.' },
  'legacy-table': { level: 'warning', summary: 'A table declared legacy is still present.', help: 'Move its data to what replaced it, then drop it in a migration whose down restores it (the report gives its rows and use since statistics were reset).' },
  'legacy-column': { level: 'warning', summary: 'A column declared legacy is still present.', help: 'Move its data to what replaced it, then drop it in a migration. Critical when it is NOT NULL without a default: inserts that omit it fail.' },
  'legacy-enum': { level: 'warning', summary: 'An enum type declared legacy is still present.', help: 'Drop it in a migration once no column uses it.' },
  'legacy-object': { level: 'warning', summary: 'A view, function or index declared legacy is still present.', help: 'Drop it in a migration once nothing depends on it.' },
  'missing-index': { level: 'warning', summary: 'An index the models declare is missing.', help: `Queries it serves scan the table. Build it with CREATE INDEX CONCURRENTLY in a no-transaction migration. ${GENERATE}` },
  'orphaned-index': { level: 'warning', summary: 'An index exists that no model declares.', help: 'Declare it if it is wanted; otherwise drop it with DROP INDEX CONCURRENTLY (it costs every write).' },
  'index-mismatch': { level: 'warning', summary: 'An index is defined differently from its declaration.', help: `Re-create it concurrently as declared. ${GENERATE}` },
  'invalid-index': { level: 'warning', summary: 'An index is INVALID (a failed or interrupted concurrent build).', help: 'Queries do not use it but writes still maintain it: DROP INDEX CONCURRENTLY it and build it again.' },
  'missing-constraint': { level: 'warning', summary: 'A primary key, unique, check, exclusion or foreign key the models declare is missing.', help: `Add it in a migration; validate existing rows first (NOT VALID, then VALIDATE CONSTRAINT). ${GENERATE}` },
  'orphaned-constraint': { level: 'warning', summary: 'A constraint exists that no model declares.', help: 'Declare it, or drop it in a migration.' },
  'constraint-mismatch': { level: 'warning', summary: 'A constraint is defined differently from its declaration.', help: `Drop and re-create it as declared, in a migration. ${GENERATE}` },
  'undeclared-object': { level: 'note', summary: 'A trigger, policy, view, function, sequence or domain the models do not describe.', help: 'Models do not declare these kinds: review it by hand. Listed so nothing in the database goes unseen.' },
  'object-mismatch': { level: 'note', summary: 'A view, function or other unmodelled object differs between the two sides.', help: 'Models do not declare these kinds: compare the two definitions by hand and align them in a migration.' },
  'jsonb-shape': { level: 'warning', summary: 'Sampled JSON documents do not match the column’s declared zod shape.', help: 'Rows written by older code (or by hand) that the application will fail to parse: migrate the documents, or widen the declared shape.' },
  'migration-history': { level: 'warning', summary: 'The migration history disagrees with the files: an applied migration edited or missing, or a pending one numbered before an applied one.', help: 'Restore the applied file as it was (its checksum is in the history table) and put back a missing one; renumber a late migration after the newest applied one.' },
  'acceptance-expired': { level: 'warning', summary: 'An accepted-drift entry has expired.', help: 'Fix the drift it covered, or renew the entry with a new expiry date and a reason.' },
};

export const AUDIT_RULES: readonly DiagnosticRule[] = (Object.keys(RULES) as FindingRule[]).map((id) => ({ id, ...RULES[id] }));

export function auditRule(id: FindingRule): DiagnosticRule {
  const r = RULES[id];
  return r ? { id, ...r } : { id, summary: id, help: '', level: 'warning' };
}
