import { inNamespaces, notExtensionMember, qualifiedName } from './filters.js';
import { PG15 } from './server.js';

// Indexes of tables and materialized views, except those that back a primary key, unique or
// exclusion constraint (the constraint implies them) and partitions' indexes attached to an
// index of the partitioned parent (reported on the parent). Keys come back as JSON, in order.
// int2vector/oidvector subscripts start at 0, key positions at 1.
export function indexesQuery(version: number): string {
  const nullsNotDistinct = version >= PG15 ? 'i.indnullsnotdistinct' : 'false';
  return `
select i.indrelid as table_oid,
       i.indexrelid as oid,
       ic.relname::text as name,
       i.indisunique as unique,
       am.amname::text as method,
       (select coalesce(json_agg(json_build_object(
                 'column', case when i.indkey[k.n - 1] <> 0 then a.attname::text end,
                 'expression', case when i.indkey[k.n - 1] = 0 then pg_get_indexdef(i.indexrelid, k.n::int, true) end,
                 'descending', (i.indoption[k.n - 1] & 1) <> 0,
                 'nullsFirst', (i.indoption[k.n - 1] & 2) <> 0,
                 'opclass', case when not opc.opcdefault then ${qualifiedName('opn.nspname', 'opc.opcname')} end,
                 'collation', case when i.indcollation[k.n - 1] <> 0
                                    and i.indcollation[k.n - 1] <> coalesce(a.attcollation, kt.typcollation)
                                   then ${qualifiedName('cn.nspname', 'coll.collname')} end
               ) order by k.n), '[]'::json)
        from generate_series(1, i.indnkeyatts) k(n)
        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.n - 1] and i.indkey[k.n - 1] <> 0
        join pg_attribute ka on ka.attrelid = i.indexrelid and ka.attnum = k.n
        join pg_type kt on kt.oid = ka.atttypid
        join pg_opclass opc on opc.oid = i.indclass[k.n - 1]
        join pg_namespace opn on opn.oid = opc.opcnamespace
        left join pg_collation coll on coll.oid = i.indcollation[k.n - 1]
        left join pg_namespace cn on cn.oid = coll.collnamespace) as keys,
       array(select a.attname::text
             from generate_series(i.indnkeyatts + 1, i.indnatts) k(n)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.n - 1]
             order by k.n) as include,
       pg_get_expr(i.indpred, i.indrelid) as predicate,
       ${nullsNotDistinct} as nulls_not_distinct,
       i.indisvalid as valid
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
join pg_class c on c.oid = i.indrelid
join pg_namespace n on n.oid = c.relnamespace
join pg_am am on am.oid = ic.relam
where c.relkind in ('r', 'p', 'm')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
  and not exists (select 1 from pg_constraint co
                  where co.conindid = i.indexrelid and co.conrelid = i.indrelid and co.contype in ('p', 'u', 'x'))
  and not exists (select 1 from pg_inherits inh where inh.inhrelid = i.indexrelid)`;
}

export interface IndexKeyJson {
  readonly column: string | null;
  readonly expression: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  readonly opclass: string | null;
  readonly collation: string | null;
}

export interface IndexRow {
  readonly table_oid: number;
  readonly oid: number;
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keys: IndexKeyJson[];
  readonly include: string[];
  readonly predicate: string | null;
  readonly nulls_not_distinct: boolean;
  readonly valid: boolean;
}
