import { inNamespaces, notExtensionMember } from './filters.js';

// Row-level security policies. polroles holds 0 for PUBLIC.
export const POLICIES_QUERY = `
select p.polrelid as table_oid,
       p.polname::text as name,
       p.polcmd::text as command,
       p.polpermissive as permissive,
       array(select case when r.oid = 0 then 'PUBLIC' else ro.rolname::text end
             from unnest(p.polroles) r(oid)
             left join pg_roles ro on ro.oid = r.oid) as roles,
       pg_get_expr(p.polqual, p.polrelid) as using,
       pg_get_expr(p.polwithcheck, p.polrelid) as with_check
from pg_policy p
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}`;

export interface PolicyRow {
  readonly table_oid: number;
  readonly name: string;
  readonly command: '*' | 'r' | 'a' | 'w' | 'd';
  readonly permissive: boolean;
  readonly roles: string[];
  readonly using: string | null;
  readonly with_check: string | null;
}
