import { inNamespaces, notExtensionMember } from './filters.js';
import { inheritanceOf, type InheritanceRow } from './inherits.js';

// Ordinary and partitioned tables, partitions included (with their parent and bound).
export const TABLES_QUERY = `
select c.oid,
       n.nspname::text as schema,
       c.relname::text as name,
       c.relkind::text as kind,
       c.relpersistence = 'u' as unlogged,
       case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_by,
       pn.nspname::text as parent_schema,
       pc.relname::text as parent_name,
       case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
       c.relrowsecurity as rls_enabled,
       c.relforcerowsecurity as rls_forced,
       coalesce((select array_agg(o order by o) from unnest(c.reloptions) o), '{}')::text[] as options,
       c.relreplident::text as replident,
       (select ri.relname::text from pg_index x join pg_class ri on ri.oid = x.indexrelid
         where x.indrelid = c.oid and x.indisreplident) as replident_index,
       ${inheritanceOf('c')} as inheritance
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
left join pg_inherits i on c.relispartition and i.inhrelid = c.oid
left join pg_class pc on pc.oid = i.inhparent
left join pg_namespace pn on pn.oid = pc.relnamespace
where c.relkind in ('r', 'p')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}`;

export interface TableRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly kind: 'r' | 'p';
  readonly unlogged: boolean;
  readonly partition_by: string | null;
  readonly parent_schema: string | null;
  readonly parent_name: string | null;
  readonly partition_bound: string | null;
  readonly rls_enabled: boolean;
  readonly rls_forced: boolean;
  readonly options: readonly string[];
  /** d default, f full, n nothing, i index (replident_index). */
  readonly replident: 'd' | 'f' | 'n' | 'i';
  readonly replident_index: string | null;
  /** Null unless the table is an inheritance child (absent from rows captured before it was read). */
  readonly inheritance?: InheritanceRow | null;
}
