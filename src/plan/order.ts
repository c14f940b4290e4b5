// The order of a plan: a topological order over the objects its statements create, drop and
// touch, by the dependencies the catalog recorded (Schema.dependencies), with the planner's
// phases as the tie-break. Nothing here reads SQL: each step says which object it acts on.
//   - an object is created after what it depends on in the new schema;
//   - an object is dropped before what it depended on in the old schema;
//   - an object dropped and created again under the same name is dropped first;
//   - a statement about an object (an index, a grant, a comment) comes after its creation and,
//     when the object only goes away, before its drop.
import type { Dependency, ObjectRef, QualifiedName, Schema } from '../schema/types.js';

export const refKey = (r: ObjectRef): string => `${r.kind}:${r.schema}.${r.name}(${r.arguments})`;
export const relationKey = (o: QualifiedName): string => refKey({ kind: 'relation', schema: o.schema, name: o.name, arguments: '' });
export const typeKey = (o: QualifiedName): string => refKey({ kind: 'type', schema: o.schema, name: o.name, arguments: '' });
export const routineKey = (o: QualifiedName & { readonly identityArguments: string }): string =>
  refKey({ kind: 'routine', schema: o.schema, name: o.name, arguments: o.identityArguments });

/** Which object a statement acts on, and how. */
export interface Target {
  readonly creates?: string;
  readonly drops?: string;
  readonly on?: string;
}

export interface Orderable extends Target {
  /** Tie-break, lowest first: the phase, then the order the planner emitted it in. */
  readonly phase: number;
  readonly order: number;
}

/**
 * The catalog's dependencies of `schema`, plus those the IR states itself: a partition needs its
 * parent (the catalog records that as an automatic dependency, which is not read), and so does
 * an inheritance child.
 */
export function dependenciesOf(schema: Schema): Dependency[] {
  const out: Dependency[] = [...(schema.dependencies ?? [])];
  const rel = (o: QualifiedName): ObjectRef => ({ kind: 'relation', schema: o.schema, name: o.name, arguments: '' });
  for (const t of schema.tables) if (t.partitionOf) out.push({ object: rel(t), on: rel(t.partitionOf) });
  // An inheritance child needs its parents: the catalog records it, a model source does not.
  for (const t of schema.tables) for (const p of t.inherits ?? []) out.push({ object: rel(t), on: rel(p) });
  return out;
}

/** What depends on each object in `deps`, transitively: key → keys of its dependents. */
export function dependentsClosure(deps: readonly Dependency[], roots: Iterable<string>): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const d of deps) {
    const k = refKey(d.on);
    const list = dependents.get(k);
    if (list) list.push(refKey(d.object));
    else dependents.set(k, [refKey(d.object)]);
  }
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const k = stack.pop()!;
    for (const d of dependents.get(k) ?? []) {
      if (out.has(d)) continue;
      out.add(d);
      stack.push(d);
    }
  }
  return out;
}

export function orderSteps<T extends Orderable>(steps: readonly T[], from: readonly Dependency[], to: readonly Dependency[]): T[] {
  const n = steps.length;
  const after: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Array<number>(n).fill(0);
  const edge = (a: number, b: number) => {
    if (a === b) return;
    after[a]!.push(b);
    indegree[b]! += 1;
  };
  const index = (field: 'creates' | 'drops' | 'on') => {
    const m = new Map<string, number[]>();
    steps.forEach((s, i) => {
      const k = s[field];
      if (k === undefined) return;
      const list = m.get(k);
      if (list) list.push(i);
      else m.set(k, [i]);
    });
    return m;
  };
  const creates = index('creates');
  const drops = index('drops');
  const on = index('on');
  const none: number[] = [];

  for (const d of to) for (const a of creates.get(refKey(d.on)) ?? none) for (const b of creates.get(refKey(d.object)) ?? none) edge(a, b);
  for (const d of from) for (const a of drops.get(refKey(d.object)) ?? none) for (const b of drops.get(refKey(d.on)) ?? none) edge(a, b);
  for (const [k, ds] of drops) for (const a of ds) for (const b of creates.get(k) ?? none) edge(a, b);
  for (const [k, users] of on) {
    for (const a of creates.get(k) ?? none) for (const b of users) edge(a, b);
    if (!creates.has(k)) for (const a of users) for (const b of drops.get(k) ?? none) edge(a, b);
  }

  const before = (i: number, j: number) => steps[i]!.phase - steps[j]!.phase || steps[i]!.order - steps[j]!.order;
  const heap = new MinHeap(before);
  indegree.forEach((d, i) => d === 0 && heap.push(i));
  const out: T[] = [];
  const done = new Array<boolean>(n).fill(false);
  while (out.length < n) {
    let i = heap.pop();
    if (i === undefined) {
      // A cycle (the catalog allows few): release the earliest remaining step and go on.
      i = [...Array(n).keys()].filter((k) => !done[k]).sort(before)[0]!;
    }
    if (done[i]) continue;
    done[i] = true;
    out.push(steps[i]!);
    for (const j of after[i]!) {
      indegree[j]! -= 1;
      if (indegree[j] === 0 && !done[j]) heap.push(j);
    }
  }
  return out;
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => number) {}
  push(x: number): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
