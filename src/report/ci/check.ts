// `schemaguard check` problems as CI diagnostics: a rule per (subject, kind of difference),
// every one an error (any problem fails the check), located at the model declaration for what
// the models declare, at the creating migration for what only migrations or the database have,
// at the migration file for history problems.
import type { CheckProblem } from '../../check/check.js';
import type { Diagnostic, DiagnosticReport, DiagnosticRule, FileLocation, LogicalLocation } from './diagnostic.js';
import { lookup, type Locations } from './locations.js';

type Verb = 'missing' | 'undeclared' | 'renamed' | 'differs';

function verbOf(kind: string): Verb {
  if (kind.startsWith('Add')) return 'missing';
  if (kind.startsWith('Drop')) return 'undeclared';
  if (kind.startsWith('Rename')) return 'renamed';
  return 'differs';
}

const GENERATE = 'schemaguard migrate generate NAME';

function rule(id: string, summary: string, help: string): DiagnosticRule {
  return { id, summary, help, level: 'error' };
}

export const CHECK_RULES: readonly DiagnosticRule[] = [
  rule('migration-missing', 'The models declare an object no migration creates.', `Write the migration: \`${GENERATE}\` diffs what migrations/ builds against the models.`),
  rule('migration-undeclared', 'A migration creates an object no model declares.', `Declare it in the models, or drop it in a new migration (\`${GENERATE}\`).`),
  rule('migration-renamed', 'The models declare an object the migrations build under another name.', `Write the rename as a migration: \`${GENERATE} --rename old:new\`.`),
  rule('migration-differs', 'An object the migrations build differs from its declaration.', `Write the migration that aligns it: \`${GENERATE}\`.`),
  rule('database-missing', 'The live database lacks an object the models declare.', 'Apply the pending migrations (`schemaguard migrate up`); `schemaguard audit` explains each difference.'),
  rule('database-undeclared', 'The live database has an object no model declares.', 'Declare it, declare it legacy, or drop it in a migration; `schemaguard audit` gives its row count and use.'),
  rule('database-renamed', 'The live database has a declared object under another name.', 'Apply the migration that renames it (`schemaguard migrate up`), or write one.'),
  rule('database-differs', 'An object in the live database differs from its declaration.', 'Apply the pending migrations, or write one that aligns it; `schemaguard audit` explains the difference.'),
  rule('history-pending', 'A migration file is not applied to the live database.', 'Apply it: `schemaguard migrate up`.'),
  rule('history-unknown', 'The live database has applied a migration that is not in the migrations directory.', 'Restore the file from version control, or find the branch that applied it.'),
  rule('history-missing', 'The live database has no migration history table.', 'Run `schemaguard migrate up`, or `schemaguard migrate baseline` for a database built before schemaguard.'),
];

const BY_ID = new Map(CHECK_RULES.map((r) => [r.id, r]));

function ruleOf(p: CheckProblem): DiagnosticRule {
  if (p.subject === 'history') return BY_ID.get(p.kind === 'Pending' ? 'history-pending' : p.kind === 'Unknown' ? 'history-unknown' : 'history-missing')!;
  return BY_ID.get(`${p.subject === 'migrations' ? 'migration' : 'database'}-${verbOf(p.kind)}`)!;
}

function fixOf(p: CheckProblem): string {
  const id = ruleOf(p).id;
  if (id === 'migration-undeclared') return `declare it in the models, or drop it: ${GENERATE}`;
  if (id.startsWith('migration-')) return id === 'migration-renamed' ? `${GENERATE} --rename OLD:NEW` : GENERATE;
  if (id === 'database-undeclared') return 'declare it in the models, or drop it in a migration';
  if (id === 'history-unknown') return 'restore the migration file';
  if (id === 'history-missing') return 'schemaguard migrate up (or migrate baseline --to NAME)';
  return 'schemaguard migrate up';
}

function kindOf(p: CheckProblem): LogicalLocation['kind'] {
  if (p.subject === 'history') return 'migration';
  const k = p.kind.replace(/^(Add|Drop|Rename|Modify|Alter)/, '');
  return k === 'Table' ? 'table' : k === 'Column' ? 'column' : k === 'Enum' ? 'type' : k === 'Index' ? 'index' : /Key|Unique|Check|Exclusion|Constraint/.test(k) ? 'constraint' : 'object';
}

function fileOf(p: CheckProblem, loc: Locations): FileLocation | undefined {
  const m = loc.models;
  const mig = loc.migrations;
  if (p.subject === 'history') {
    const file = mig?.files[p.object];
    return file ? { file, line: 1 } : undefined;
  }
  // `public.users idx_x` for indexes and constraints; `public.users.email` for columns.
  const [table, inner] = p.object.split(' ') as [string, string | undefined];
  const kind = kindOf(p);
  const declared = () =>
    kind === 'column' ? lookup(m?.columns, p.object) ?? lookupTableOf(m?.tables, p.object) : kind === 'type' ? lookup(m?.enums, p.object) : inner ? m?.objects[inner] ?? lookup(m?.tables, table) : lookup(m?.tables, table);
  const built = () => lookup(mig?.objects, inner ? `${table.split('.')[0]}.${inner}` : p.object);
  return verbOf(p.kind) === 'undeclared' ? built() ?? declared() : declared() ?? built();
}

function lookupTableOf(tables: Readonly<Record<string, FileLocation>> | undefined, column: string): FileLocation | undefined {
  const i = column.lastIndexOf('.');
  return i > 0 ? lookup(tables, column.slice(0, i)) : undefined;
}

export function checkDiagnostic(p: CheckProblem, loc: Locations = {}): Diagnostic {
  const logical: LogicalLocation = { name: p.object, kind: kindOf(p) };
  const file = fileOf(p, loc) ?? (loc.models?.entry ? { file: loc.models.entry, line: 1 } : undefined);
  return { rule: ruleOf(p), level: 'error', message: p.message, fix: fixOf(p), location: file ? { file, logical } : { logical }, fingerprint: `${ruleOf(p).id}:${p.object}` };
}

export function checkDiagnostics(problems: readonly CheckProblem[], summary: string, locations: Locations = {}): DiagnosticReport {
  return { tool: 'check', diagnostics: problems.map((p) => checkDiagnostic(p, locations)), rules: CHECK_RULES, summary };
}
