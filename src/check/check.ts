// `schemaguard check`: the CI gate. Migrations applied to a throwaway database must build
// exactly what the models declare; with a live database, it must match the models too and
// have applied every migration file, and no migration that is not in the directory.
import type { Change } from '../diff/changes.js';

export type CheckSubject = 'migrations' | 'database' | 'history';

export interface CheckProblem {
  /** What disagrees with the models (or, for history, with the migrations directory). */
  readonly subject: CheckSubject;
  readonly kind: string;
  readonly object: string;
  readonly message: string;
}

const name = (o: { schema: string; name: string }) => `${o.schema}.${o.name}`;

/** Changes from a built schema to the models, as problems a CI log explains by itself. */
export function problemsFromChanges(subject: 'migrations' | 'database', changes: readonly Change[]): CheckProblem[] {
  const built = subject === 'migrations' ? 'no migration creates' : 'the database lacks';
  const extra = subject === 'migrations' ? 'a migration creates' : 'the database has';
  // A serial column's sequence comes and goes with its table: one problem, not two.
  const whole = new Set(changes.flatMap((c) => (c.kind === 'AddTable' || c.kind === 'DropTable' ? [name(c.table)] : [])));
  const ownedByWhole = (c: Change) => (c.kind === 'AddSequence' || c.kind === 'DropSequence') && c.sequence.ownedBy !== null && whole.has(name(c.sequence.ownedBy));
  return changes.filter((c) => !ownedByWhole(c)).map((c): CheckProblem => {
    const p = (object: string, message: string): CheckProblem => ({ subject, kind: c.kind, object, message });
    switch (c.kind) {
      case 'AddTable':
        return p(name(c.table), `model declares table ${name(c.table)} but ${built} it`);
      case 'DropTable':
        return p(name(c.table), `${extra} table ${name(c.table)} that no model declares`);
      case 'RenameTable':
        return p(name(c.to), `model declares table ${name(c.to)}; ${extra} ${name(c.from)} instead (likely renamed)`);
      case 'AddColumn':
        return p(`${name(c.table)}.${c.column.name}`, `model declares column ${name(c.table)}.${c.column.name} but ${built} it`);
      case 'DropColumn':
        return p(`${name(c.table)}.${c.column.name}`, `${extra} column ${name(c.table)}.${c.column.name} that no model declares`);
      case 'RenameColumn':
        return p(`${name(c.table)}.${c.to.name}`, `model declares column ${name(c.table)}.${c.to.name}; ${extra} ${c.from.name} instead (likely renamed)`);
      case 'ModifyColumn': {
        const what = Object.entries(c.changes).filter(([, v]) => v).map(([k]) => k);
        const detail = c.changes.type ? ` (${c.from.type} vs model ${c.to.type})` : c.changes.nullability ? ` (${c.from.notNull ? 'NOT NULL' : 'nullable'} vs model ${c.to.notNull ? 'NOT NULL' : 'nullable'})` : '';
        return p(`${name(c.table)}.${c.to.name}`, `column ${name(c.table)}.${c.to.name} differs from the model in ${what.join(', ')}${detail}`);
      }
      case 'AddEnum':
        return p(name(c.enum), `model declares enum ${name(c.enum)} but ${built} it`);
      case 'DropEnum':
        return p(name(c.enum), `${extra} enum ${name(c.enum)} that no model declares`);
      case 'ModifyEnum':
        return p(name(c.to), `enum ${name(c.to)} labels differ from the model (${c.from.labels.join(', ')} vs ${c.to.labels.join(', ')})`);
      default: {
        const o = c as unknown as Record<string, { schema?: string; name?: string } | undefined> & { table?: { schema: string; name: string } };
        const object = o.index ?? o.primaryKey ?? o.unique ?? o.check ?? o.exclusion ?? o.foreignKey ?? o.sequence ?? o.to ?? o.from;
        const inner = object?.name ?? '';
        // Schema-level objects (sequences) are named with their schema, like tables.
        const where = o.table ? `${name(o.table)}${inner ? ` ${inner}` : ''}` : object?.schema ? `${object.schema}.${inner}` : inner;
        const verb = c.kind.startsWith('Add') ? `model declares ${c.kind.slice(3).toLowerCase()} ${where} but ${built} it` : c.kind.startsWith('Drop') ? `${extra} ${c.kind.slice(4).toLowerCase()} ${where} that no model declares` : `${c.kind.slice(6).toLowerCase()} ${where} differs from the model`;
        return p(where, verb);
      }
    }
  });
}

/** Applied migrations (history) against the files of the migrations directory. */
export function historyProblems(files: readonly string[], applied: readonly string[] | null, historyTable: string): CheckProblem[] {
  if (applied === null) {
    return [{ subject: 'history', kind: 'NoHistory', object: historyTable, message: `the database has no migration history table ${historyTable} (run schemaguard migrate up, or migrate baseline for a database built before it)` }];
  }
  const appliedSet = new Set(applied);
  const fileSet = new Set(files);
  return [
    ...files.filter((f) => !appliedSet.has(f)).map((f): CheckProblem => ({ subject: 'history', kind: 'Pending', object: f, message: `migration ${f} is not applied to the database` })),
    ...applied.filter((a) => !fileSet.has(a)).map((a): CheckProblem => ({ subject: 'history', kind: 'Unknown', object: a, message: `the database has applied migration ${a}, which is not in the migrations directory` })),
  ];
}
