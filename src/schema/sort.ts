// The canonical order of a Schema: every source (introspection, the model compiler) passes its
// result through sortSchema so that two equal schemas are deep-equal. Pure; returns new objects.
// Order-bearing lists are kept as they are: columns (by position), key columns of constraints
// and indexes, INCLUDE columns, enum labels, view columns.
import type {
  Column, Domain, Grant, Policy, Routine, Schema, Sequence, Table, Trigger, TriggerEvent, View,
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

function sorted<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return [...items].sort(compare);
}

const byName = byKeys<{ readonly name: string }>((x) => x.name);
const byQualified = byKeys<{ readonly schema: string; readonly name: string }>((x) => x.schema, (x) => x.name);
const EVENT_ORDER: readonly TriggerEvent[] = ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'];

export function sortGrants(grants: readonly Grant[]): Grant[] {
  return sorted(grants, byKeys<Grant>((g) => g.grantee, (g) => g.privilege, (g) => String(g.grantable)));
}

function sortColumn(column: Column): Column {
  return { ...column, grants: sortGrants(column.grants) };
}

function sortTrigger(trigger: Trigger): Trigger {
  return {
    ...trigger,
    events: sorted(trigger.events, (a, b) => EVENT_ORDER.indexOf(a) - EVENT_ORDER.indexOf(b)),
    updateColumns: sorted(trigger.updateColumns, compareText),
  };
}

function sortPolicy(policy: Policy): Policy {
  return { ...policy, roles: sorted(policy.roles, compareText) };
}

export function sortTable(table: Table): Table {
  return {
    ...table,
    columns: sorted(table.columns, (a, b) => a.position - b.position).map(sortColumn),
    uniques: sorted(table.uniques, byName),
    checks: sorted(table.checks, byName),
    exclusions: sorted(table.exclusions, byName),
    foreignKeys: sorted(table.foreignKeys, byName),
    indexes: sorted(table.indexes, byName),
    triggers: sorted(table.triggers, byName).map(sortTrigger),
    policies: sorted(table.policies, byName).map(sortPolicy),
    grants: sortGrants(table.grants),
  };
}

function sortView(view: View): View {
  return { ...view, indexes: sorted(view.indexes, byName), grants: sortGrants(view.grants) };
}

function sortDomain(domain: Domain): Domain {
  return { ...domain, checks: sorted(domain.checks, byName) };
}

function sortSequence(sequence: Sequence): Sequence {
  return { ...sequence, grants: sortGrants(sequence.grants) };
}

function sortRoutine(routine: Routine): Routine {
  return { ...routine, grants: sortGrants(routine.grants) };
}

export function sortSchema(schema: Schema): Schema {
  return {
    version: schema.version,
    namespaces: sorted(schema.namespaces, byName),
    tables: sorted(schema.tables, byQualified).map(sortTable),
    views: sorted(schema.views, byQualified).map(sortView),
    enums: sorted(schema.enums, byQualified),
    domains: sorted(schema.domains, byQualified).map(sortDomain),
    sequences: sorted(schema.sequences, byQualified).map(sortSequence),
    routines: sorted(schema.routines, byKeys<Routine>((r) => r.schema, (r) => r.name, (r) => r.identityArguments)).map(sortRoutine),
    extensions: sorted(schema.extensions, byName),
  };
}
