import { inNamespaces, notExtensionMember, qualifiedName } from './filters.js';

// Composite types made by CREATE TYPE … AS (…): a pg_type of typtype 'c' whose relation is of
// relkind 'c' (tables' and views' row types are their relations'). Attributes come with the
// type, in order, as one JSON array: there are few.
export const COMPOSITES_QUERY = `
select t.oid,
       c.oid as relation_oid,
       n.nspname::text as schema,
       t.typname::text as name,
       coalesce((select json_agg(json_build_object(
                  'attnum', a.attnum,
                  'name', a.attname::text,
                  'type', format_type(a.atttypid, a.atttypmod),
                  'collation', case when a.attcollation <> 0 and a.attcollation <> at.typcollation
                                    then ${qualifiedName('cn.nspname', 'co.collname')} end)
                  order by a.attnum)
                 from pg_attribute a
                 join pg_type at on at.oid = a.atttypid
                 left join pg_collation co on co.oid = a.attcollation
                 left join pg_namespace cn on cn.oid = co.collnamespace
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as attributes
from pg_type t
join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'c'
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}`;

export interface CompositeRow {
  readonly oid: number;
  readonly relation_oid: number;
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly { readonly attnum: number; readonly name: string; readonly type: string; readonly collation: string | null }[];
}
