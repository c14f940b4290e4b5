import { inNamespaces, notExtensionMember, qualifiedName } from './filters.js';

const PG14 = 140000;

// Range types: their subtype, and each option only where it is not what CREATE TYPE … AS RANGE
// would choose by itself (the subtype's default btree operator class and collation). Functions
// print qualified: the session's search_path is pg_catalog alone.
export function rangesQuery(version: number): string {
  const multirange = version >= PG14 ? `(select mt.typname::text from pg_type mt where mt.oid = r.rngmultitypid)` : 'null::text';
  return `
select t.oid,
       n.nspname::text as schema,
       t.typname::text as name,
       format_type(r.rngsubtype, null) as subtype,
       case when r.rngsubopc <> coalesce((select d.oid from pg_opclass d join pg_am am on am.oid = d.opcmethod
                                          where am.amname = 'btree' and d.opcintype = r.rngsubtype and d.opcdefault), 0)
            then (select ${qualifiedName('on_.nspname', 'o.opcname')} from pg_opclass o join pg_namespace on_ on on_.oid = o.opcnamespace where o.oid = r.rngsubopc) end as subtype_opclass,
       case when r.rngcollation <> 0 and r.rngcollation <> st.typcollation
            then ${qualifiedName('cn.nspname', 'co.collname')} end as collation,
       case when r.rngcanonical <> 0 then r.rngcanonical::regproc::text end as canonical,
       case when r.rngsubdiff <> 0 then r.rngsubdiff::regproc::text end as subtype_diff,
       ${multirange} as multirange
from pg_range r
join pg_type t on t.oid = r.rngtypid
join pg_namespace n on n.oid = t.typnamespace
join pg_type st on st.oid = r.rngsubtype
left join pg_collation co on co.oid = r.rngcollation
left join pg_namespace cn on cn.oid = co.collnamespace
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}`;
}

export interface RangeRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly subtype: string;
  readonly subtype_opclass: string | null;
  readonly collation: string | null;
  readonly canonical: string | null;
  readonly subtype_diff: string | null;
  readonly multirange: string | null;
}
