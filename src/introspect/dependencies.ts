import { inNamespaces, notExtensionMember } from './filters.js';

// What each object needs before it can exist, as pg_depend records it (normal dependencies
// only: 'a'uto and 'i'nternal ones belong to the object itself). The planner orders its
// statements by these, never by reading SQL. Sub-objects are charged to their owner:
// a view's own rewrite rule to the view (other rules come after every relation), a default or a check to its table or domain, a trigger,
// an index or a policy to its table (a table dropped after a routine its trigger runs fails).
// Foreign keys are left out: they are added after every table exists. So are extensions'
// members: CREATE EXTENSION makes them, in its own phase.
const OWNERS = `
select 'pg_class'::regclass as classid, r.ev_class as objid, d.refclassid, d.refobjid
from pg_depend d
join pg_rewrite r on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid
where d.deptype = 'n' and r.rulename = '_RETURN'
union
select 'pg_class'::regclass, a.adrelid, d.refclassid, d.refobjid
from pg_depend d
join pg_attrdef a on d.classid = 'pg_attrdef'::regclass and d.objid = a.oid
where d.deptype = 'n'
union
select case when c.conrelid <> 0 then 'pg_class'::regclass else 'pg_type'::regclass end,
       case when c.conrelid <> 0 then c.conrelid else c.contypid end, d.refclassid, d.refobjid
from pg_depend d
join pg_constraint c on d.classid = 'pg_constraint'::regclass and d.objid = c.oid
where d.deptype = 'n' and c.contype = 'c'
union
select 'pg_class'::regclass, t.tgrelid, d.refclassid, d.refobjid
from pg_depend d
join pg_trigger t on d.classid = 'pg_trigger'::regclass and d.objid = t.oid
where d.deptype = 'n'
union
select 'pg_class'::regclass, i.indrelid, d.refclassid, d.refobjid
from pg_depend d
join pg_index i on d.classid = 'pg_class'::regclass and d.objid = i.indexrelid
where d.deptype = 'n'
union
select 'pg_class'::regclass, pol.polrelid, d.refclassid, d.refobjid
from pg_depend d
join pg_policy pol on d.classid = 'pg_policy'::regclass and d.objid = pol.oid
where d.deptype = 'n'
union
select d.classid, d.objid, d.refclassid, d.refobjid
from pg_depend d
where d.classid in ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
  and d.refclassid in ('pg_proc'::regclass, 'pg_class'::regclass, 'pg_type'::regclass)
  and d.deptype = 'n'`;

/**
 * The object (catalog, oid) as an ObjectRef: relations by name, routines with their identity
 * arguments; a type that is a relation's row type is that relation, an array its element.
 */
function describe(catalog: string, oid: string): string {
  return `(
  select x.kind, n.nspname::text as schema, x.name, x.arguments
  from (
    select case when c.relkind = 'c' then 'type' else 'relation' end as kind, c.relnamespace as nsp, c.relname::text as name, '' as arguments
    from pg_class c where ${catalog} = 'pg_class'::regclass and c.oid = ${oid} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      and ${notExtensionMember('pg_class', 'c.oid')}
    union all
    select 'routine', p.pronamespace, p.proname::text, pg_get_function_identity_arguments(p.oid)
    from pg_proc p where ${catalog} = 'pg_proc'::regclass and p.oid = ${oid} and ${notExtensionMember('pg_proc', 'p.oid')}
      -- not a range type's constructor: it is part of the type
      and not exists (select 1 from pg_depend i where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i')
    union all
    select case when rc.oid is null or rc.relkind = 'c' then 'type' else 'relation' end,
           coalesce(rc.relnamespace, t.typnamespace), coalesce(rc.relname, t.typname)::text, ''
    from pg_type t0
    join pg_type t on t.oid = case when t0.typcategory = 'A' and t0.typelem <> 0 then t0.typelem else t0.oid end
    left join pg_class rc on rc.oid = t.typrelid
    where ${catalog} = 'pg_type'::regclass and t0.oid = ${oid} and ${notExtensionMember('pg_type', 't.oid')}
  ) x
  join pg_namespace n on n.oid = x.nsp
  where ${inNamespaces('n')}
)`;
}

export const DEPENDENCIES_QUERY = `
select distinct o.kind as object_kind, o.schema as object_schema, o.name as object_name, o.arguments as object_arguments,
       r.kind as on_kind, r.schema as on_schema, r.name as on_name, r.arguments as on_arguments
from (${OWNERS}
) d
cross join lateral ${describe('d.classid', 'd.objid')} o
cross join lateral ${describe('d.refclassid', 'd.refobjid')} r
where (o.kind, o.schema, o.name, o.arguments) is distinct from (r.kind, r.schema, r.name, r.arguments)`;

export interface DependencyRow {
  readonly object_kind: 'relation' | 'routine' | 'type';
  readonly object_schema: string;
  readonly object_name: string;
  readonly object_arguments: string;
  readonly on_kind: 'relation' | 'routine' | 'type';
  readonly on_schema: string;
  readonly on_name: string;
  readonly on_arguments: string;
}
