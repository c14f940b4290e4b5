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
    // Once either side is used up no later key can pair anything (the usual case: every column
    // pairs by name), and audit of 1,000 tables calls this some 10,000 times.
    if (restFrom.length === 0 || restTo.length === 0) break;
    const byKey = new Map<string, T[]>();
    for (const item of restTo) {
      const k = key(item);
      const bucket = byKey.get(k);
      if (bucket) bucket.push(item);
      else byKey.set(k, [item]);
    }
    const unmatched: T[] = [];
    const matchedTo = new Set<T>();
    for (const item of restFrom) {
      const bucket = byKey.get(key(item));
      const match = bucket?.shift();
      if (match === undefined) unmatched.push(item);
      else {
        pairs.push([item, match]);
        matchedTo.add(match);
      }
    }
    restFrom = unmatched;
    if (matchedTo.size > 0) restTo = restTo.filter((item) => !matchedTo.has(item));
  }
  const first = keys[0]!;
  return {
    pairs: sortedBy(pairs, ([a]) => first(a)),
    dropped: sortedBy(restFrom, first),
    added: sortedBy(restTo, first),
  };
}

/** Stable sort by a string key computed once per item, not once per comparison. */
function sortedBy<X>(items: X[], key: (item: X) => string): X[] {
  if (items.length < 2) return items;
  const keyed = items.map((item) => ({ k: key(item), item }));
  keyed.sort((a, b) => compare(a.k, b.k));
  return keyed.map((e) => e.item);
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
