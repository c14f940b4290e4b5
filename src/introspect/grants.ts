import { inNamespaces, notExtensionMember } from './filters.js';

// Privileges on tables, views, sequences, columns and routines, one row per ACL entry.
// A NULL ACL means the built-in default (acldefault): for functions that includes EXECUTE to
// PUBLIC, so a REVOKE from PUBLIC shows as a difference. The owner's own entries are left out.
const relationAcl = `coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))`;

export const GRANTS_QUERY = `
select 'pg_class' as catalog, c.oid, 0 as subid,
       case when g.grantee = 0 then 'PUBLIC' else r.rolname::text end as grantee,
       g.privilege_type as privilege, g.is_grantable as grantable
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
       g.privilege_type, g.is_grantable
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
       g.privilege_type, g.is_grantable
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
left join pg_roles r on r.oid = g.grantee
where g.grantee <> p.proowner
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_proc', 'p.oid')}`;

export interface GrantRow {
  readonly catalog: 'pg_class' | 'pg_proc';
  readonly oid: number;
  readonly subid: number;
  readonly grantee: string;
  readonly privilege: string;
  readonly grantable: boolean;
}
