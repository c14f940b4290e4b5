// One generic list differ (pg-schema-diff's diffLists): pair the objects of two lists by a
// sequence of keys (name first, then a structural signature so that a constraint named
// differently but defined the same is the same constraint), and report the rest as added or
// dropped. Results follow the sorted order of the first key, so they are deterministic.

export interface Paired<T> {
  readonly pairs: readonly (readonly [T, T])[];
  /** In `from` only. */
  readonly dropped: readonly T[];
  /** In `to` only. */
  readonly added: readonly T[];
}

const NOTHING: Paired<never> = { pairs: [], dropped: [], added: [] };

export function pairLists<T>(from: readonly T[], to: readonly T[], keys: readonly ((item: T) => string)[]): Paired<T> {
  // Most tables have no grants, policies or exclusions: skip the bookkeeping.
  if (from.length === 0 && to.length === 0) return NOTHING;
  let restFrom = [...from];
  let restTo = [...to];
  const pairs: (readonly [T, T])[] = [];
  for (const key of keys) {
    const byKey = new Map<string, T[]>();
    for (const item of restTo) {
      const k = key(item);
      const bucket = byKey.get(k);
      if (bucket) bucket.push(item);
      else byKey.set(k, [item]);
    }
    const unmatched: T[] = [];
    for (const item of restFrom) {
      const bucket = byKey.get(key(item));
      const match = bucket?.shift();
      if (match === undefined) unmatched.push(item);
      else pairs.push([item, match]);
    }
    const matchedTo = new Set(pairs.map(([, b]) => b));
    restFrom = unmatched;
    restTo = restTo.filter((item) => !matchedTo.has(item));
  }
  const first = keys[0]!;
  const order = (a: T, b: T): number => compare(first(a), first(b));
  return {
    pairs: pairs.sort(([a], [b]) => order(a, b)),
    dropped: restFrom.sort(order),
    added: restTo.sort(order),
  };
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function qualifiedKey(o: { readonly schema: string; readonly name: string }): string {
  return `${o.schema}.${o.name}`;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
