// `inherits: ['parent']` in a table model: the child gets what PostgreSQL would give it, so the
// compiled IR equals what introspection reads from `CREATE TABLE child (...) INHERITS (parent)`:
// the parents' columns first (marked inherited; NOT NULL, default and generation come along;
// identity, comments and grants do not), then its own; a column it declares under a parent's
// name is merged (local and inherited); the parents' checks, except NO INHERIT ones, likewise.
import { ConfigError } from '../errors.js';
import { normalizeType } from '../schema/normalize.js';
import type { CheckConstraint, Column, QualifiedName, Table } from '../schema/types.js';

const key = (o: QualifiedName) => `${o.schema}.${o.name}`;

/** The tables with their parents resolved and their inherited columns and checks filled in. */
export function withInheritance(tables: readonly Table[], parentsOf: (t: Table) => readonly QualifiedName[]): Table[] {
  const byKey = new Map(tables.map((t) => [key(t), t]));
  const done = new Map<string, Table>();
  const visiting = new Set<string>();
  const resolve = (t: Table): Table => {
    const k = key(t);
    const ready = done.get(k);
    if (ready) return ready;
    const parents = parentsOf(t);
    if (parents.length === 0) {
      done.set(k, t);
      return t;
    }
    if (visiting.has(k)) throw new ConfigError(`invalid model: table ${k} inherits from itself (through ${[...visiting].join(', ')})`);
    visiting.add(k);
    const resolved = parents.map((p) => {
      const parent = byKey.get(key(p));
      if (!parent) throw new ConfigError(`invalid model: table ${k} inherits from the missing table ${key(p)}`);
      return resolve(parent);
    });
    visiting.delete(k);
    const out = inherit(t, parents, resolved);
    done.set(k, out);
    return out;
  };
  return tables.map(resolve);
}

function inherit(t: Table, parents: readonly QualifiedName[], resolved: readonly Table[]): Table {
  const columns = new Map<string, Column>();
  for (const p of resolved) {
    for (const c of p.columns) {
      const seen = columns.get(c.name);
      if (seen) {
        if (normalizeType(seen.type) !== normalizeType(c.type)) throw new ConfigError(`invalid model: table ${key(t)} inherits column ${c.name} with two types (${seen.type}, ${c.type})`);
        columns.set(c.name, { ...seen, notNull: seen.notNull || c.notNull, inherited: { count: seen.inherited!.count + 1, local: false } });
        continue;
      }
      columns.set(c.name, {
        ...c,
        default: c.identity ? null : c.default,
        identity: null,
        identityOptions: null,
        comment: null,
        grants: [],
        inherited: { count: 1, local: false },
      });
    }
  }
  for (const c of t.columns) {
    const from = columns.get(c.name);
    if (!from) {
      columns.set(c.name, c);
      continue;
    }
    if (normalizeType(from.type) !== normalizeType(c.type)) throw new ConfigError(`invalid model: column ${key(t)}.${c.name} is ${c.type} but its parent's is ${from.type}`);
    columns.set(c.name, { ...c, notNull: c.notNull || from.notNull, inherited: { count: from.inherited!.count, local: true } });
  }
  const checks = new Map<string, CheckConstraint>();
  for (const p of resolved) {
    for (const c of p.checks) {
      if (c.noInherit) continue;
      const seen = checks.get(c.name);
      checks.set(c.name, { ...c, inherited: { count: (seen?.inherited?.count ?? 0) + 1, local: false } });
    }
  }
  for (const c of t.checks) {
    const from = checks.get(c.name);
    checks.set(c.name, from ? { ...c, inherited: { count: from.inherited!.count, local: true } } : c);
  }
  return {
    ...t,
    inherits: parents.map((p) => ({ schema: p.schema, name: p.name })),
    columns: [...columns.values()].map((c, i) => ({ ...c, position: i + 1 })),
    checks: [...checks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
