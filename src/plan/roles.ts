// A plan that names a role the database it runs on lacks fails halfway through: refused up front
// instead, while the roles of the --from server are known (introspection reads them). Every role
// `to` names is checked: one that an unchanged object names exists on the --from server already.
import type { Grant, Schema } from '../schema/types.js';
import { PlanError } from './context.js';

// Not roles: what GRANT and CREATE POLICY accept in a role's place.
const NOT_ROLES = new Set(['public', 'current_user', 'session_user', 'current_role']);

/** Each role `schema` names, with the first place that names it. */
function rolesNamed(schema: Schema): Map<string, { readonly where: string; readonly owner: boolean }> {
  const out = new Map<string, { where: string; owner: boolean }>();
  const note = (role: string | undefined, where: string, owner: boolean) => {
    if (role !== undefined && !NOT_ROLES.has(role.toLowerCase()) && !out.has(role)) out.set(role, { where, owner });
  };
  const object = (what: string, o: { readonly owner?: string; readonly grants?: readonly Grant[] }) => {
    note(o.owner, `owner of ${what}`, true);
    for (const g of o.grants ?? []) note(g.grantee, `granted ${g.privilege} on ${what}`, false);
  };
  for (const n of schema.namespaces) object(`schema ${n.name}`, n);
  for (const t of schema.tables) {
    object(`table ${t.schema}.${t.name}`, t);
    for (const c of t.columns) object(`column ${t.schema}.${t.name}.${c.name}`, c);
    for (const p of t.policies) for (const r of p.roles) note(r, `named by policy ${p.name} on ${t.schema}.${t.name}`, false);
  }
  for (const v of schema.views) object(`view ${v.schema}.${v.name}`, v);
  for (const s of schema.sequences) object(`sequence ${s.schema}.${s.name}`, s);
  for (const r of schema.routines) object(`${r.kind} ${r.schema}.${r.name}(${r.identityArguments})`, r);
  for (const t of [...schema.enums, ...(schema.composites ?? []), ...(schema.ranges ?? [])]) object(`type ${t.schema}.${t.name}`, t);
  for (const d of schema.domains) object(`domain ${d.schema}.${d.name}`, d);
  for (const c of schema.collations ?? []) object(`collation ${c.schema}.${c.name}`, c);
  for (const d of schema.defaultPrivileges ?? []) {
    const what = `default privileges on ${d.objects}${d.schema === null ? '' : ` in schema ${d.schema}`}`;
    note(d.role, `whose ${what} are set`, false);
    for (const g of d.grants) note(g.grantee, `granted ${g.privilege} by the ${what} of ${d.role}`, false);
  }
  return out;
}

/** Throws a PlanError naming a role of `to` that the server of `from` does not have. */
export function refuseMissingRoles(from: Schema, to: Schema): void {
  if (!from.roles) return;
  const have = new Set(from.roles);
  for (const [role, { where, owner }] of rolesNamed(to)) {
    if (have.has(role)) continue;
    const instead = owner ? ', or diff with --no-owners to leave owners as they are' : '';
    throw new PlanError(`cannot plan: role ${JSON.stringify(role)} (${where}) does not exist on the server the plan is for; create it there first${instead}`);
  }
}
