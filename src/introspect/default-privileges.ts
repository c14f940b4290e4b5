import { inNamespaces } from './filters.js';

// ALTER DEFAULT PRIVILEGES entries (pg_default_acl). An entry for a schema adds to the built-in
// default; one for everywhere replaces it: both are read as what they add to acldefault and, for
// everywhere, what they take from it.
const KIND = `case d.defaclobjtype when 'r' then 'tables' when 'S' then 'sequences' when 'f' then 'functions' when 'T' then 'types' when 'n' then 'schemas' end`;
const ENTRY = (acl: string, alias: string) => `json_build_object('grantee', case when ${alias}.grantee = 0 then 'PUBLIC' else pg_get_userbyid(${alias}.grantee)::text end,
  'privilege', ${alias}.privilege_type, 'grantable', ${alias}.is_grantable)`;
// acldefault spells a sequence 's' ('S' is a foreign server there); pg_default_acl spells it 'S'.
const BUILT_IN = `(case when d.defaclnamespace = 0 then acldefault(case d.defaclobjtype when 'S' then 's' else d.defaclobjtype end::"char", d.defaclrole) end)`;

export const DEFAULT_PRIVILEGES_QUERY = `
select pg_get_userbyid(d.defaclrole)::text as role,
       n.nspname::text as schema,
       ${KIND} as objects,
       coalesce((select json_agg(${ENTRY('d.defaclacl', 'g')} order by g.grantee, g.privilege_type)
                 from aclexplode(d.defaclacl) g
                 where not exists (select 1 from aclexplode(${BUILT_IN}) x where x.grantee = g.grantee and x.privilege_type = g.privilege_type and x.is_grantable = g.is_grantable)), '[]') as grants,
       coalesce((select json_agg(${ENTRY(BUILT_IN, 'x')} order by x.grantee, x.privilege_type)
                 from aclexplode(${BUILT_IN}) x
                 where not exists (select 1 from aclexplode(d.defaclacl) g where g.grantee = x.grantee and g.privilege_type = x.privilege_type)), '[]') as revoked
from pg_default_acl d
left join pg_namespace n on n.oid = d.defaclnamespace
where d.defaclnamespace = 0 or (${inNamespaces('n')})`;

export interface DefaultPrivilegesRow {
  readonly role: string;
  readonly schema: string | null;
  readonly objects: 'tables' | 'sequences' | 'functions' | 'types' | 'schemas';
  readonly grants: readonly { readonly grantee: string; readonly privilege: string; readonly grantable: boolean }[];
  readonly revoked: readonly { readonly grantee: string; readonly privilege: string; readonly grantable: boolean }[];
}
