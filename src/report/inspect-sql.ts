// `inspect --format sql`: a schema-only DDL dump, built by the planner as the plan from an
// empty database to this one, so the dump and `diff --format sql` can never disagree on how
// an object is spelled or in which order objects are created.
import { diff } from '../diff/index.js';
import { plan } from '../plan/plan.js';
import { emptySchema, type Schema } from '../schema/types.js';
import { renderPlanSql } from './plan.js';

/** The database `CREATE DATABASE` gives: only `public` exists (and is not re-created). */
function emptyLike(schema: Schema): Schema {
  return { ...emptySchema(), namespaces: schema.namespaces.filter((n) => n.name === 'public') };
}

export function renderInspectSql(schema: Schema, label: string): string {
  const from = emptyLike(schema);
  const text = renderPlanSql(plan(diff(from, schema), { from, to: schema }), `schemaguard inspect --format sql: schema of ${label}`);
  return text === '' ? '' : text;
}
