// Owners are compared only between two databases read: a schema built from migrations on a
// scratch database belongs to the scratch server's role, which says nothing about the owners
// the migrations mean to leave; and `diff --no-owners` leaves owners as they are.
import type { Schema } from './types.js';

function drop<T extends { readonly owner?: string }>(o: T): T {
  if (o.owner === undefined) return o;
  const { owner: _owner, ...rest } = o;
  return rest as T;
}

/** The schema without the owner of any object. */
export function withoutOwners(schema: Schema): Schema {
  return {
    ...schema,
    namespaces: schema.namespaces.map(drop),
    tables: schema.tables.map(drop),
    views: schema.views.map(drop),
    enums: schema.enums.map(drop),
    domains: schema.domains.map(drop),
    sequences: schema.sequences.map(drop),
    routines: schema.routines.map(drop),
    ...(schema.composites ? { composites: schema.composites.map(drop) } : {}),
    ...(schema.collations ? { collations: schema.collations.map(drop) } : {}),
    ...(schema.ranges ? { ranges: schema.ranges.map(drop) } : {}),
  };
}
