import { notExtensionMember, userNamespace } from './filters.js';

// Every user namespace, whatever the scope: the caller keeps those asked for and names the
// others when one asked for does not exist. There are few; the filter is cheaper in the client.
export const NAMESPACES_QUERY = `
select n.oid, n.nspname::text as name,
       coalesce((select json_agg(json_build_object(
                  'grantee', case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end,
                  'privilege', g.privilege_type, 'grantable', g.is_grantable)
                  order by g.privilege_type, r.rolname)
                 from aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) g
                 left join pg_roles r on r.oid = g.grantee
                 where g.grantee <> n.nspowner), '[]') as grants,
       pg_get_userbyid(n.nspowner)::text as owner,
       -- What the owner revoked from itself: only where an ACL is set (NULL is the default).
       case when n.nspacl is not null then array(
         select d.privilege_type from aclexplode(acldefault('n', n.nspowner)) d
         where d.grantee = n.nspowner
           and not exists (select 1 from aclexplode(n.nspacl) g where g.grantee = n.nspowner and g.privilege_type = d.privilege_type)
         order by 1) else '{}' end as owner_revoked
from pg_namespace n
where ${userNamespace('n')}
  and ${notExtensionMember('pg_namespace', 'n.oid')}`;

export interface NamespaceRow {
  readonly oid: number;
  readonly name: string;
  /** The owner's own entries left out, as for relations (see grants.ts). */
  readonly grants: readonly { readonly grantee: string; readonly privilege: string; readonly grantable: boolean }[];
  readonly owner: string;
  readonly owner_revoked: readonly string[];
}
