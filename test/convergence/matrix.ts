// Which of issue 10's classes a convergence case exercises, read from the changes the differ
// found and the plan it produced (never from the case's name), so the coverage matrix the suite
// prints and asserts is what the cases really do. A class counts as covered by a case only once
// that case has converged both ways (see convergence.test.ts).
import type { Change } from '../../src/diff/changes.js';
import type { Plan } from '../../src/plan/types.js';
import type { ChangeKind } from '../../src/diff/changes.js';
import { dependenciesOf, refKey, relationKey, routineKey, typeKey } from '../../src/plan/order.js';
import type { QualifiedName, ReplicaIdentity, Schema, Table } from '../../src/schema/types.js';

export type Operation = 'add' | 'drop' | 'alter';

/** Every class, and the operations PostgreSQL allows on it (with the reason where one is left out). */
export const CLASSES = {
  'identity column': { ops: ['add', 'drop', 'alter'] },
  'partition (attach, detach, repartition)': { ops: ['add', 'drop', 'alter'] },
  'index or key on a partitioned table or partition': { ops: ['add', 'drop', 'alter'] },
  'privileges on a table': { ops: ['add', 'drop'], why: 'GRANT and REVOKE are the only forms' },
  'privileges on a view': { ops: ['add', 'drop'], why: 'GRANT and REVOKE are the only forms' },
  'privileges on a sequence': { ops: ['add', 'drop'], why: 'GRANT and REVOKE are the only forms' },
  'privileges on a schema': { ops: ['add', 'drop'], why: 'GRANT and REVOKE are the only forms' },
  'privileges on a routine': { ops: ['add', 'drop'], why: 'GRANT and REVOKE are the only forms' },
  owner: { ops: ['alter'], why: 'every object has exactly one owner' },
  'view options (check_option, security_barrier)': { ops: ['add', 'drop', 'alter'] },
  'materialized view storage options': { ops: ['add', 'drop', 'alter'] },
  'trigger on a view': { ops: ['add', 'drop', 'alter'] },
  'replica identity': { ops: ['add', 'drop', 'alter'] },
  inheritance: { ops: ['add', 'drop', 'alter'] },
  'composite type': { ops: ['add', 'drop', 'alter'] },
  'dependency order': { ops: ['add', 'drop', 'alter'] },
  'type change without an implicit cast': { ops: ['alter'], why: 'a column type is only ever changed' },
  'NOT NULL': { ops: ['add', 'drop'], why: 'SET NOT NULL and DROP NOT NULL are the only forms' },
  collation: { ops: ['add', 'drop', 'alter'] },
} as const satisfies Record<string, { readonly ops: readonly Operation[]; readonly why?: string }>;

export type ClassName = keyof typeof CLASSES;
export type Cell = `${ClassName} / ${Operation}`;

const cell = (name: ClassName, op: Operation): Cell => `${name} / ${op}`;
const key = (q: QualifiedName): string => `${q.schema}.${q.name}`;

function tableIn(schema: Schema, q: QualifiedName): Table | undefined {
  return schema.tables.find((t) => t.schema === q.schema && t.name === q.name);
}
const isView = (schema: Schema, q: QualifiedName): boolean => schema.views.some((v) => !v.materialized && v.schema === q.schema && v.name === q.name);
const partitionish = (t: Table | undefined): boolean => !!t && (t.kind === 'partitioned' || t.partitionOf !== null);
const replica = (r: ReplicaIdentity | undefined): string => (r ? (r.kind === 'index' ? `index ${r.index}` : r.kind) : 'default');

/** The catalog object a change creates, drops or alters, keyed as the planner keys its steps (plan/order.ts). */
function subject(c: Change): string | null {
  switch (c.kind) {
    case 'AddTable':
    case 'DropTable':
      return relationKey(c.table);
    case 'AddView':
    case 'DropView':
      return relationKey(c.view);
    case 'ModifyTable':
    case 'ModifyView':
      return relationKey(c.to);
    case 'AddRoutine':
    case 'DropRoutine':
      return routineKey(c.routine);
    case 'ModifyRoutine':
      return routineKey(c.to);
    case 'AddComposite':
    case 'DropComposite':
      return typeKey(c.composite);
    case 'AddDomain':
    case 'DropDomain':
      return typeKey(c.domain);
    case 'AddEnum':
    case 'DropEnum':
      return typeKey(c.enum);
    case 'ModifyDomain':
    case 'ModifyEnum':
      return typeKey(c.to);
    default:
      return 'table' in c ? relationKey(c.table) : null;
  }
}

/**
 * Dependency order: two objects of one case, one needing the other, both created (add), both
 * dropped (drop), or one changed while something the catalog records still needs it (alter).
 */
function dependencyCells(changes: readonly Change[], from: Schema, to: Schema): Cell[] {
  const added = new Set<string>();
  const dropped = new Set<string>();
  const altered = new Set<string>();
  for (const c of changes) {
    const k = subject(c);
    if (!k) continue;
    if (/^Add(Table|View|Routine|Composite|Domain|Enum)$/.test(c.kind)) added.add(k);
    else if (/^Drop(Table|View|Routine|Composite|Domain|Enum)$/.test(c.kind)) dropped.add(k);
    else altered.add(k);
  }
  const cells: Cell[] = [];
  const edges = (schema: Schema) => dependenciesOf(schema).map((d) => [refKey(d.object), refKey(d.on)] as const).filter(([a, b]) => a !== b);
  if (edges(to).some(([a, b]) => added.has(a) && added.has(b))) cells.push(cell('dependency order', 'add'));
  if (edges(from).some(([a, b]) => dropped.has(a) && dropped.has(b))) cells.push(cell('dependency order', 'drop'));
  if ([...edges(from), ...edges(to)].some(([a, b]) => altered.has(b) && !dropped.has(a) && !added.has(a))) cells.push(cell('dependency order', 'alter'));
  return cells;
}

/** Change kinds that fill one cell by their kind alone. */
const BY_KIND: Partial<Record<ChangeKind, readonly [ClassName, Operation]>> = {
  AddInherit: ['inheritance', 'add'],
  DropInherit: ['inheritance', 'drop'],
  ModifyOwner: ['owner', 'alter'],
  AddComposite: ['composite type', 'add'],
  DropComposite: ['composite type', 'drop'],
  ModifyComposite: ['composite type', 'alter'],
  AddCollation: ['collation', 'add'],
  DropCollation: ['collation', 'drop'],
  ModifyCollation: ['collation', 'alter'],
};

/** The cells of the matrix a case's changes and plan fill. */
export function cellsOf(changes: readonly Change[], p: Plan, from: Schema, to: Schema): Set<Cell> {
  const cells = new Set<Cell>(dependencyCells(changes, from, to));
  const add = (name: ClassName, op: Operation) => cells.add(cell(name, op));
  const inheritedBy = (schema: Schema, q: QualifiedName) => schema.tables.some((t) => (t.inherits ?? []).some((p) => key(p) === key(q)));
  for (const c of changes) {
    const byKind = BY_KIND[c.kind];
    if (byKind) add(...byKind);
    switch (c.kind) {
      case 'ModifyColumn': {
        if (c.changes.identity && !c.from.identity) add('identity column', 'add');
        else if (c.changes.identity && !c.to.identity) add('identity column', 'drop');
        else if (c.changes.identity || c.changes.identityOptions) add('identity column', 'alter');
        if (c.changes.nullability) add('NOT NULL', c.to.notNull ? 'add' : 'drop');
        if (c.changes.type && p.statements.some((s) => /\bTYPE\b[\s\S]*\bUSING\b/.test(s.sql))) add('type change without an implicit cast', 'alter');
        if (inheritedBy(from, c.table) && inheritedBy(to, c.table)) add('inheritance', 'alter');
        break;
      }
      case 'AddColumn':
      case 'DropColumn':
        if (inheritedBy(from, c.table) && inheritedBy(to, c.table)) add('inheritance', 'alter');
        break;
      case 'AddTable':
        if (c.table.partitionOf) add('partition (attach, detach, repartition)', 'add');
        if (c.table.inherits?.length) add('inheritance', 'add');
        break;
      case 'DropTable':
        if (c.table.partitionOf) add('partition (attach, detach, repartition)', 'drop');
        if (c.table.inherits?.length) add('inheritance', 'drop');
        break;
      case 'ModifyTable': {
        if (c.changes.partitionBy || c.changes.partitionOf || c.changes.kind) {
          const attached = !c.from.partitionOf && c.to.partitionOf;
          const detached = c.from.partitionOf && !c.to.partitionOf;
          add('partition (attach, detach, repartition)', attached ? 'add' : detached ? 'drop' : 'alter');
        }
        if (c.changes.replicaIdentity) {
          const [a, b] = [replica(c.from.replicaIdentity), replica(c.to.replicaIdentity)];
          add('replica identity', a === 'default' ? 'add' : b === 'default' ? 'drop' : 'alter');
        }
        break;
      }
      case 'AddIndex':
      case 'AddPrimaryKey':
      case 'AddUnique':
        if (partitionish(tableIn(to, c.table))) add('index or key on a partitioned table or partition', 'add');
        break;
      case 'DropIndex':
      case 'DropPrimaryKey':
      case 'DropUnique':
        if (partitionish(tableIn(from, c.table))) add('index or key on a partitioned table or partition', 'drop');
        break;
      case 'ModifyIndex':
      case 'ModifyPrimaryKey':
      case 'ModifyUnique':
        if (partitionish(tableIn(to, c.table))) add('index or key on a partitioned table or partition', 'alter');
        break;
      case 'AddTrigger':
        if (isView(to, c.table)) add('trigger on a view', 'add');
        break;
      case 'DropTrigger':
        if (isView(from, c.table)) add('trigger on a view', 'drop');
        break;
      case 'ModifyTrigger':
        if (isView(to, c.table)) add('trigger on a view', 'alter');
        break;
      case 'AddGrant':
      case 'DropGrant': {
        const target = c.target.kind === 'view' && !isView(c.kind === 'AddGrant' ? to : from, c.target) ? 'materialized view' : c.target.kind;
        const name = ({ table: 'privileges on a table', view: 'privileges on a view', sequence: 'privileges on a sequence', schema: 'privileges on a schema', routine: 'privileges on a routine' } as Record<string, ClassName>)[target];
        if (name) add(name, c.kind === 'AddGrant' ? 'add' : 'drop');
        break;
      }
      case 'AddView':
      case 'DropView': {
        if (!c.view.options?.length) break;
        add(c.view.materialized ? 'materialized view storage options' : 'view options (check_option, security_barrier)', c.kind === 'AddView' ? 'add' : 'drop');
        break;
      }
      case 'ModifyView': {
        if (!c.changes.options) break;
        const name: ClassName = c.to.materialized ? 'materialized view storage options' : 'view options (check_option, security_barrier)';
        add(name, !c.from.options?.length ? 'add' : !c.to.options?.length ? 'drop' : 'alter');
        break;
      }
      default:
        break;
    }
  }
  return cells;
}

/** Every cell the classes require. */
export function requiredCells(): Cell[] {
  return (Object.entries(CLASSES) as [ClassName, { ops: readonly Operation[] }][]).flatMap(([name, { ops }]) => ops.map((op) => cell(name, op)));
}

/** The matrix as text: one row per class, the number of converged cases per operation ('n/a' where PostgreSQL has no such form). */
export function renderMatrix(covered: ReadonlyMap<Cell, readonly string[]>): string {
  const names = Object.keys(CLASSES) as ClassName[];
  const width = Math.max(...names.map((n) => n.length));
  const lines = [`${'class'.padEnd(width)}  ${['add', 'drop', 'alter'].map((o) => o.padStart(5)).join('  ')}`];
  for (const name of names) {
    const ops = CLASSES[name].ops as readonly Operation[];
    const counts = (['add', 'drop', 'alter'] as const).map((op) => (ops.includes(op) ? String(covered.get(cell(name, op))?.length ?? 0) : 'n/a').padStart(5));
    lines.push(`${name.padEnd(width)}  ${counts.join('  ')}`);
  }
  return lines.join('\n');
}
