// The canonical order of a Schema: every source (introspection, the model compiler) passes its
// result through sortSchema so that two equal schemas are deep-equal. Pure: it never mutates
// its input, and shares the parts that are already in order (a big catalog arrives mostly
// sorted, and copying 20,000 columns for nothing is measurable in `inspect`).
// Order-bearing lists are kept as they are: columns (by position), key columns of constraints
// and indexes, INCLUDE columns, enum labels, view columns.
import type {
  Column, DefaultPrivileges, Dependency, Domain, ObjectRef, Grant, Policy, Routine, Rule, Schema, Sequence, Table, Trigger, TriggerEvent, View,
} from './types.js';

/** Code-unit order: deterministic and locale-independent, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKeys<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareText(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** `items` itself when already in order, else a sorted copy. */
function sorted<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  for (let i = 1; i < items.length; i += 1) {
    if (compare(items[i - 1]!, items[i]!) > 0) return [...items].sort(compare);
  }
  return items;
}

/** items.map(fn), but `items` itself when fn returned every element unchanged. */
function mapShared<T>(items: readonly T[], fn: (item: T) => T): readonly T[] {
  let out: T[] | null = null;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const mapped = fn(item);
    if (out === null && mapped !== item) out = items.slice(0, i);
    out?.push(mapped);
  }
  return out ?? items;
}

/** `object` itself when no field changed, else a copy with the changes. */
function withChanges<T extends object>(object: T, changes: Partial<T>): T {
  for (const key of Object.keys(changes) as (keyof T)[]) {
    if (changes[key] !== object[key]) return { ...object, ...changes };
  }
  return object;
}

const byName = byKeys<{ readonly name: string }>((x) => x.name);
const byQualified = byKeys<{ readonly schema: string; readonly name: string }>((x) => x.schema, (x) => x.name);
const EVENT_ORDER: readonly TriggerEvent[] = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'];

export function sortGrants(grants: readonly Grant[]): readonly Grant[] {
  if (grants.length < 2) return grants;
  return sorted(grants, byKeys<Grant>((g) => g.grantee, (g) => g.privilege, (g) => String(g.grantable)));
}

function sortColumn(column: Column): Column {
  const grants = sortGrants(column.grants);
  return grants === column.grants ? column : { ...column, grants };
}

function sortTrigger(trigger: Trigger): Trigger {
  return withChanges(trigger, {
    events: sorted(trigger.events, (a, b) => EVENT_ORDER.indexOf(a) - EVENT_ORDER.indexOf(b)),
    updateColumns: sorted(trigger.updateColumns, compareText),
  });
}

function sortPolicy(policy: Policy): Policy {
  return withChanges(policy, { roles: sorted(policy.roles, compareText) });
}

export function sortTable(table: Table): Table {
  return withChanges(table, {
    columns: mapShared(sorted(table.columns, (a, b) => a.position - b.position), sortColumn),
    uniques: sorted(table.uniques, byName),
    checks: sorted(table.checks, byName),
    exclusions: sorted(table.exclusions, byName),
    foreignKeys: sorted(table.foreignKeys, byName),
    indexes: sorted(table.indexes, byName),
    triggers: mapShared(sorted(table.triggers, byName), sortTrigger),
    policies: mapShared(sorted(table.policies, byName), sortPolicy),
    grants: sortGrants(table.grants),
  });
}

function sortView(view: View): View {
  return withChanges(view, {
    indexes: sorted(view.indexes, byName),
    grants: sortGrants(view.grants),
    ...(view.triggers ? { triggers: mapShared(sorted(view.triggers, byName), sortTrigger) } : {}),
  });
}

function sortDomain(domain: Domain): Domain {
  return withChanges(domain, { checks: sorted(domain.checks, byName), ...(domain.grants ? { grants: sortGrants(domain.grants) } : {}) });
}

/** Enums and composites: only their grants have an order of their own. */
function sortTypeGrants<T extends { readonly grants?: readonly Grant[] }>(type: T): T {
  return type.grants ? withChanges(type, { grants: sortGrants(type.grants) } as Partial<T>) : type;
}

function sortSequence(sequence: Sequence): Sequence {
  return withChanges(sequence, { grants: sortGrants(sequence.grants) });
}

function sortRoutine(routine: Routine): Routine {
  return withChanges(routine, { grants: sortGrants(routine.grants) });
}

const refKey = (r: ObjectRef) => `${r.kind}\u0000${r.schema}\u0000${r.name}\u0000${r.arguments}`;
const byDependency = byKeys<Dependency>((d) => refKey(d.object), (d) => refKey(d.on));

export function sortSchema(schema: Schema): Schema {
  return {
    version: schema.version,
    namespaces: sorted(schema.namespaces, byName),
    tables: mapShared(sorted(schema.tables, byQualified), sortTable),
    views: mapShared(sorted(schema.views, byQualified), sortView),
    enums: mapShared(sorted(schema.enums, byQualified), sortTypeGrants),
    domains: mapShared(sorted(schema.domains, byQualified), sortDomain),
    sequences: mapShared(sorted(schema.sequences, byQualified), sortSequence),
    routines: mapShared(sorted(schema.routines, byKeys<Routine>((r) => r.schema, (r) => r.name, (r) => r.identityArguments)), sortRoutine),
    extensions: sorted(schema.extensions, byName),
    ...(schema.collations ? { collations: sorted(schema.collations, byQualified) } : {}),
    ...(schema.composites ? { composites: mapShared(sorted(schema.composites, byQualified), sortTypeGrants) } : {}),
    ...(schema.ranges ? { ranges: mapShared(sorted(schema.ranges, byQualified), sortTypeGrants) } : {}),
    ...(schema.rules ? { rules: sorted(schema.rules, byKeys<Rule>((r) => r.table.schema, (r) => r.table.name, (r) => r.name)) } : {}),
    ...(schema.dependencies ? { dependencies: sorted(schema.dependencies, byDependency) } : {}),
    ...(schema.roles ? { roles: sorted(schema.roles, compareText) } : {}),
    ...(schema.defaultPrivileges ? {
      defaultPrivileges: mapShared(
        sorted(schema.defaultPrivileges, byKeys<DefaultPrivileges>((d) => d.role, (d) => d.schema ?? '', (d) => d.objects)),
        (d) => withChanges(d, { grants: sortGrants(d.grants), revoked: sortGrants(d.revoked) }),
      ),
    } : {}),
  };
}
