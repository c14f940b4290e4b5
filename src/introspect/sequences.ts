import { inNamespaces, notExtensionMember } from './filters.js';

// Sequences with the column that owns them (serial, OWNED BY: pg_depend 'a'). Sequences behind
// identity columns (pg_depend 'i') are left out: the identity column implies them.
export const SEQUENCES_QUERY = `
select c.oid,
       n.nspname::text as schema,
       c.relname::text as name,
       format_type(s.seqtypid, null) as type,
       s.seqstart::text as start,
       s.seqincrement::text as increment,
       s.seqmin::text as min,
       s.seqmax::text as max,
       s.seqcache::text as cache,
       s.seqcycle as cycle,
       own_n.nspname::text as owner_schema,
       own_c.relname::text as owner_table,
       own_a.attname::text as owner_column
from pg_sequence s
join pg_class c on c.oid = s.seqrelid
join pg_namespace n on n.oid = c.relnamespace
left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = c.oid
                     and d.refclassid = 'pg_class'::regclass and d.refobjsubid > 0 and d.deptype = 'a'
left join pg_class own_c on own_c.oid = d.refobjid
left join pg_namespace own_n on own_n.oid = own_c.relnamespace
left join pg_attribute own_a on own_a.attrelid = d.refobjid and own_a.attnum = d.refobjsubid
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}
  and not exists (select 1 from pg_depend idn where idn.classid = 'pg_class'::regclass and idn.objid = c.oid and idn.deptype = 'i')`;

export interface SequenceRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owner_schema: string | null;
  readonly owner_table: string | null;
  readonly owner_column: string | null;
}
