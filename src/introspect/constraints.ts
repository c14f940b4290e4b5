import { inNamespaces, notExtensionMember } from './filters.js';
import { PG15 } from './server.js';

// Table constraints (primary key, unique, check, exclusion, foreign key) and domain checks, in
// one pass. Constraints a partition inherits from its partitioned parent (conparentid) and
// check constraints inherited from a parent table (not conislocal) are reported on the parent only.
export function constraintsQuery(version: number): string {
  const nullsNotDistinct = version >= PG15 ? 'coalesce(ix.indnullsnotdistinct, false)' : 'false';
  return `
select co.conrelid as table_oid,
       co.contypid as domain_oid,
       co.conname::text as name,
       co.contype::text as type,
       co.condeferrable as deferrable,
       co.condeferred as initially_deferred,
       co.convalidated as validated,
       co.connoinherit as no_inherit,
       array(select a.attname::text
             from unnest(co.conkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.attnum
             order by k.ord) as columns,
       fn.nspname::text as ref_schema,
       fc.relname::text as ref_table,
       array(select a.attname::text
             from unnest(co.confkey) with ordinality k(attnum, ord)
             join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.attnum
             order by k.ord) as ref_columns,
       co.confupdtype::text as on_update,
       co.confdeltype::text as on_delete,
       co.confmatchtype::text as match,
       case when co.contype = 'c' then pg_get_expr(co.conbin, co.conrelid) end as expression,
       case when co.contype = 'x' then pg_get_constraintdef(co.oid) end as definition,
       ${nullsNotDistinct} as nulls_not_distinct
from pg_constraint co
join pg_namespace n on n.oid = co.connamespace
left join pg_class fc on fc.oid = co.confrelid
left join pg_namespace fn on fn.oid = fc.relnamespace
left join pg_index ix on co.contype = 'u' and ix.indexrelid = co.conindid
where co.contype in ('p', 'u', 'c', 'x', 'f')
  and co.conparentid = 0
  and (co.contype <> 'c' or co.conislocal)
  and ${inNamespaces('n')}
  and (co.conrelid = 0 or ${notExtensionMember('pg_class', 'co.conrelid')})
  and (co.contypid = 0 or ${notExtensionMember('pg_type', 'co.contypid')})`;
}

export interface ConstraintRow {
  readonly table_oid: number;
  readonly domain_oid: number;
  readonly name: string;
  readonly type: 'p' | 'u' | 'c' | 'x' | 'f';
  readonly deferrable: boolean;
  readonly initially_deferred: boolean;
  readonly validated: boolean;
  readonly no_inherit: boolean;
  readonly columns: string[];
  readonly ref_schema: string | null;
  readonly ref_table: string | null;
  readonly ref_columns: string[];
  readonly on_update: string;
  readonly on_delete: string;
  readonly match: string;
  readonly expression: string | null;
  readonly definition: string | null;
  readonly nulls_not_distinct: boolean;
}
