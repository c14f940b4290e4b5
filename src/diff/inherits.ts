// Table inheritance in the diff. A child's inherited columns and checks belong to its parents:
// when a parent adds or drops one, PostgreSQL does the same to the children by itself, so the
// child's side of that change is left out here (the planner would otherwise repeat it and fail
// with "column already exists" or "cannot drop inherited constraint"). What is left of the child
// is compared as usual. The parents themselves are compared as an ordered list: PostgreSQL keeps
// them in the order they were attached, and can only detach (NO INHERIT) or append (INHERIT).
import type { CheckConstraint, Column, QualifiedName, Schema, Table } from '../schema/types.js';
import type { Change } from './changes.js';
import { qualifiedKey } from './lists.js';

const parentsOf = (t: Table): readonly QualifiedName[] => t.inherits ?? [];

/** AddInherit/DropInherit that turn a's parents into b's (detach what goes or is out of order, then append). */
export function diffInherits(a: Table, b: Table): Change[] {
  const table: QualifiedName = { schema: b.schema, name: b.name };
  const from = parentsOf(a).map(qualifiedKey);
  const to = parentsOf(b).map(qualifiedKey);
  if (from.join('\n') === to.join('\n')) return [];
  const wanted = new Set(to);
  const kept = from.filter((k) => wanted.has(k));
  // Parents that stay keep their place when they already lead b's list in order; else every
  // parent after the common prefix is detached and re-attached in b's order.
  const inOrder = kept.every((k, i) => to[i] === k);
  const keep = inOrder ? kept.length : commonPrefix(from, to);
  const keptSet = new Set(to.slice(0, keep));
  const out: Change[] = [];
  // Last first: the reverse plan runs its statements backwards, and re-attaches them in a's order.
  parentsOf(a).forEach((p, i) => {
    if (!keptSet.has(from[i]!)) out.unshift({ kind: 'DropInherit', table, parent: p });
  });
  for (const p of parentsOf(b).slice(keep)) out.push({ kind: 'AddInherit', table, parent: p });
  return out;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/**
 * The pair (a, b) of one child table with what its parents do for it taken out:
 * - a column b inherits from a parent the child already had in a, which the parent gains in
 *   this diff: the parent's ADD reaches the child (a gets the copy it will receive);
 * - a check likewise (left out of b);
 * - a check a only inherited (not also local) from a parent that stays and drops it: the
 *   parent's DROP reaches the child (left out of a);
 * - a check inherited on both sides: the parent's (left out of both).
 * Columns inherited on both sides stay: their own differences (a default set on the child) are
 * the child's. Tables that inherit nothing on either side come back as they are.
 */
export function withoutParentsShare(a: Table, b: Table, from: Schema, to: Schema): readonly [Table, Table] {
  if (!a.inherits && !b.inherits) return [a, b];
  const byKey = (s: Schema) => new Map(s.tables.map((t) => [qualifiedKey(t), t]));
  const fromTables = byKey(from);
  const toTables = byKey(to);
  const staying = parentsOf(a).map(qualifiedKey).filter((k) => parentsOf(b).some((p) => qualifiedKey(p) === k));
  /** A parent that stays gains (in `to`) or loses (in `to`) the member `has` looks for. */
  const parentGains = (has: (t: Table) => boolean) => staying.some((k) => {
    const pa = fromTables.get(k);
    const pb = toTables.get(k);
    return pa !== undefined && pb !== undefined && !has(pa) && has(pb);
  });
  const parentLoses = (has: (t: Table) => boolean) => staying.some((k) => {
    const pa = fromTables.get(k);
    const pb = toTables.get(k);
    return pa !== undefined && pb !== undefined && has(pa) && !has(pb);
  });
  const hasColumn = (name: string) => (t: Table) => t.columns.some((c) => c.name === name);
  const hasCheck = (name: string) => (t: Table) => t.checks.some((c) => c.name === name && !c.noInherit);

  // A column a parent gains reaches the child as the parent's copy: a stands for the child with
  // that copy, so what the child sets differently (a default, NOT NULL, a grant) is still its change.
  const colsA = new Set(a.columns.map((c) => c.name));
  const arriving: Column[] = [];
  for (const c of b.columns) {
    if (!c.inherited || colsA.has(c.name)) continue;
    const gains = staying.find((k) => !hasColumn(c.name)(fromTables.get(k) ?? b) && toTables.get(k)?.columns.some((x) => x.name === c.name));
    const copy = gains ? toTables.get(gains)!.columns.find((x) => x.name === c.name)! : undefined;
    if (!copy || !fromTables.has(gains!)) continue;
    arriving.push({
      ...copy,
      position: c.position,
      default: copy.identity ? null : copy.default,
      identity: null,
      identityOptions: null,
      comment: null,
      grants: [],
      inherited: { count: 1, local: false },
    });
  }

  const checkA = new Map(a.checks.map((c) => [c.name, c]));
  const checkB = new Map(b.checks.map((c) => [c.name, c]));
  const checksA = a.checks.filter((c: CheckConstraint) => {
    const other = checkB.get(c.name);
    if (c.inherited && other?.inherited) return false;
    if (c.inherited && !c.inherited.local && !other && parentLoses(hasCheck(c.name))) return false;
    return true;
  });
  const checksB = b.checks.filter((c: CheckConstraint) => {
    const other = checkA.get(c.name);
    if (c.inherited && other?.inherited) return false;
    if (c.inherited && !other && parentGains(hasCheck(c.name))) return false;
    return true;
  });
  return [
    { ...a, columns: arriving.length ? [...a.columns, ...arriving] : a.columns, checks: checksA },
    { ...b, checks: checksB },
  ];
}
