import { inNamespaces, notExtensionMember } from './filters.js';

// Privileges on tables, views, sequences, columns, routines and user types (enums, domains,
// composites, ranges: USAGE), one row per ACL entry.
// A NULL ACL means the built-in default (acldefault): for functions that includes EXECUTE to
// PUBLIC, so a REVOKE from PUBLIC shows as a difference. The owner's own entries are left out;
// what the owner has revoked from itself comes as rows with owner_revoked: a privilege of the
// default the owner lacks, only where an ACL is set (a NULL ACL is the default, and gives none).
const userType = `(t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and exists (select 1 from pg_class tc where tc.oid = t.typrelid and tc.relkind = 'c')))`;
const relationAcl = `coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))`;

export const GRANTS_QUERY = `
select 'pg_class' as catalog, c.oid, 0 as subid,
       case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end as grantee,
       g.privilege_type as privilege, g.is_grantable as grantable, false as owner_revoked
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
cross join lateral aclexplode(${relationAcl}) g
left join pg_roles r on r.oid = g.grantee
where c.relkind in ('r', 'p', 'v', 'm', 'S')
  and g.grantee <> c.relowner
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'pg_class', c.oid, a.attnum,
       case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end,
       g.privilege_type, g.is_grantable, false
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
cross join lateral aclexplode(a.attacl) g
left join pg_roles r on r.oid = g.grantee
where a.attacl is not null
  and a.attnum > 0
  and not a.attisdropped
  and c.relkind in ('r', 'p', 'v', 'm')
  and g.grantee <> c.relowner
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'pg_proc', p.oid, 0,
       case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end,
       g.privilege_type, g.is_grantable, false
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
left join pg_roles r on r.oid = g.grantee
where g.grantee <> p.proowner
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_proc', 'p.oid')}
union all
select 'pg_type', t.oid, 0,
       case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end,
       g.privilege_type, g.is_grantable, false
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
cross join lateral aclexplode(coalesce(t.typacl, acldefault('T', t.typowner))) g
left join pg_roles r on r.oid = g.grantee
where ${userType}
  and g.grantee <> t.typowner
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}
union all
select 'pg_class', c.oid, 0, pg_get_userbyid(c.relowner)::text, d.privilege_type, false, true
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
cross join lateral aclexplode(acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner)) d
where c.relacl is not null
  and c.relkind in ('r', 'p', 'v', 'm', 'S')
  and d.grantee = c.relowner
  and not exists (select 1 from aclexplode(c.relacl) g where g.grantee = c.relowner and g.privilege_type = d.privilege_type)
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'pg_proc', p.oid, 0, pg_get_userbyid(p.proowner)::text, d.privilege_type, false, true
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
cross join lateral aclexplode(acldefault('f', p.proowner)) d
where p.proacl is not null
  and d.grantee = p.proowner
  and not exists (select 1 from aclexplode(p.proacl) g where g.grantee = p.proowner and g.privilege_type = d.privilege_type)
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_proc', 'p.oid')}
union all
select 'pg_type', t.oid, 0, pg_get_userbyid(t.typowner)::text, d.privilege_type, false, true
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
cross join lateral aclexplode(acldefault('T', t.typowner)) d
where t.typacl is not null
  and ${userType}
  and d.grantee = t.typowner
  and not exists (select 1 from aclexplode(t.typacl) g where g.grantee = t.typowner and g.privilege_type = d.privilege_type)
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}`;

export interface GrantRow {
  readonly catalog: 'pg_class' | 'pg_proc' | 'pg_type';
  readonly oid: number;
  readonly subid: number;
  readonly grantee: string;
  readonly privilege: string;
  readonly grantable: boolean;
  /** A privilege the owner (`grantee`) has revoked from itself, not a grant. */
  readonly owner_revoked: boolean;
}
