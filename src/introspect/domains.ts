import { inNamespaces, notExtensionMember, qualifiedName } from './filters.js';

// Domains; their check constraints come from the constraints query.
export const DOMAINS_QUERY = `
select t.oid,
       n.nspname::text as schema,
       t.typname::text as name,
       format_type(t.typbasetype, t.typtypmod) as base_type,
       t.typnotnull as not_null,
       pg_get_expr(t.typdefaultbin, 0) as "default",
       case when t.typcollation <> 0 and t.typcollation <> bt.typcollation
            then ${qualifiedName('cn.nspname', 'co.collname')} end as collation
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
join pg_type bt on bt.oid = t.typbasetype
left join pg_collation co on co.oid = t.typcollation
left join pg_namespace cn on cn.oid = co.collnamespace
where t.typtype = 'd'
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}`;

export interface DomainRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly base_type: string;
  readonly not_null: boolean;
  readonly default: string | null;
  readonly collation: string | null;
}
