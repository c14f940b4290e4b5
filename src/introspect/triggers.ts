import { inNamespaces, notExtensionMember } from './filters.js';

// User triggers on tables and views (INSTEAD OF). Internal triggers (those enforcing foreign keys) and the clones a
// partition receives from its partitioned parent (tgparentid, PostgreSQL 13+) are left out.
export const TRIGGERS_QUERY = `
select t.tgrelid as table_oid,
       t.oid,
       t.tgname::text as name,
       t.tgtype::int as type,
       array(select a.attname::text
             from unnest(t.tgattr) k(attnum)
             join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = k.attnum) as update_columns,
       fn.nspname::text as function_schema,
       f.proname::text as function_name,
       t.tgqual is not null as has_when,
       t.tgenabled::text as enabled,
       pg_get_triggerdef(t.oid, true) as definition
from pg_trigger t
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_proc f on f.oid = t.tgfoid
join pg_namespace fn on fn.oid = f.pronamespace
where not t.tgisinternal
  and t.tgparentid = 0
  and c.relkind in ('r', 'p', 'v')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}`;

export interface TriggerRow {
  readonly table_oid: number;
  readonly oid: number;
  readonly name: string;
  readonly type: number;
  readonly update_columns: string[];
  readonly function_schema: string;
  readonly function_name: string;
  readonly has_when: boolean;
  readonly enabled: 'O' | 'D' | 'R' | 'A';
  readonly definition: string;
}
