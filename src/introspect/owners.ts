import { inNamespaces, notExtensionMember } from './filters.js';

// The owner of every relation, routine, user type and collation (schemas carry theirs in the namespaces
// query), keyed as comments and grants are: by catalog and oid.
export const OWNERS_QUERY = `
select 'pg_class' as catalog, c.oid, pg_get_userbyid(c.relowner)::text as owner
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p', 'v', 'm', 'S')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
union all
select 'pg_proc', p.oid, pg_get_userbyid(p.proowner)::text
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_proc', 'p.oid')}
union all
select 'pg_type', t.oid, pg_get_userbyid(t.typowner)::text
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
where t.typtype in ('e', 'd', 'c', 'r')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}
union all
select 'pg_collation', c.oid, pg_get_userbyid(c.collowner)::text
from pg_collation c
join pg_namespace n on n.oid = c.collnamespace
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_collation', 'c.oid')}`;

export interface OwnerRow {
  readonly catalog: 'pg_class' | 'pg_proc' | 'pg_type' | 'pg_collation';
  readonly oid: number;
  readonly owner: string;
}

// Every role of the server, so that a plan can refuse to name one the database lacks.
export const ROLES_QUERY = `select r.rolname::text as name from pg_roles r`;

export interface RoleRow {
  readonly name: string;
}
