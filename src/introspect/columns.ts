import { inNamespaces, notExtensionMember, qualifiedName } from './filters.js';

// Columns of tables, views and materialized views. Identity and generated columns have no
// ordinary default; the generated expression is reported on its own.
export const COLUMNS_QUERY = `
select a.attrelid as table_oid,
       a.attnum::int as attnum,
       a.attname::text as name,
       row_number() over (partition by a.attrelid order by a.attnum)::int as position,
       format_type(a.atttypid, a.atttypmod) as type,
       a.attnotnull as not_null,
       case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end as "default",
       a.attidentity::text as identity,
       case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as generated,
       case when a.attcollation <> 0 and a.attcollation <> t.typcollation
            then ${qualifiedName('cn.nspname', 'co.collname')} end as collation,
       case when a.attidentity <> '' then json_build_object('start', isq.seqstart::text, 'increment', isq.seqincrement::text,
         'min', isq.seqmin::text, 'max', isq.seqmax::text, 'cache', isq.seqcache::text, 'cycle', isq.seqcycle) end as identity_options
from pg_attribute a
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_type t on t.oid = a.atttypid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation
left join pg_namespace cn on cn.oid = co.collnamespace
left join pg_depend idd on a.attidentity <> '' and idd.classid = 'pg_class'::regclass and idd.refclassid = 'pg_class'::regclass
                       and idd.refobjid = a.attrelid and idd.refobjsubid = a.attnum and idd.deptype = 'i'
left join pg_sequence isq on isq.seqrelid = idd.objid
where c.relkind in ('r', 'p', 'v', 'm')
  and a.attnum > 0
  and not a.attisdropped
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}`;

export interface ColumnRow {
  readonly table_oid: number;
  readonly attnum: number;
  readonly name: string;
  readonly position: number;
  readonly type: string;
  readonly not_null: boolean;
  readonly default: string | null;
  readonly identity: '' | 'a' | 'd';
  readonly generated: string | null;
  readonly collation: string | null;
  readonly identity_options: { start: string; increment: string; min: string; max: string; cache: string; cycle: boolean } | null;
}
