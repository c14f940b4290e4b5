import { aggregateDefinition } from './aggregates.js';
import { inNamespaces, notExtensionMember } from './filters.js';

// Functions, procedures, aggregates and window functions. pg_get_functiondef refuses
// aggregates, so it is only called for the kinds it can print; an aggregate's statement is
// assembled from pg_aggregate and stands as its body too (its prosrc is a placeholder), so a
// changed SFUNC or INITCOND is a changed body.
export const ROUTINES_QUERY = `
select p.oid,
       n.nspname::text as schema,
       p.proname::text as name,
       p.prokind::text as kind,
       pg_get_function_identity_arguments(p.oid) as identity_arguments,
       pg_get_function_arguments(p.oid) as arguments,
       case when p.prokind <> 'p' then pg_get_function_result(p.oid) end as returns,
       l.lanname::text as language,
       case when p.prokind = 'a' then agg.definition else p.prosrc end as body,
       p.provolatile::text as volatility,
       p.prosecdef as security_definer,
       p.proisstrict as strict,
       case when p.prokind in ('f', 'p', 'w') then pg_get_functiondef(p.oid) else agg.definition end as definition
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
-- Assembled once, for the body and the definition both.
left join lateral (select ${aggregateDefinition('p')} as definition where p.prokind = 'a') agg on true
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_proc', 'p.oid')}
  -- A range type's constructors belong to it (CREATE TYPE … AS RANGE makes them).
  and not exists (select 1 from pg_depend i where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i')`;

export interface RoutineRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly kind: 'f' | 'p' | 'a' | 'w';
  readonly identity_arguments: string;
  readonly arguments: string;
  readonly returns: string | null;
  readonly language: string;
  readonly body: string;
  readonly volatility: 'i' | 's' | 'v';
  readonly security_definer: boolean;
  readonly strict: boolean;
  readonly definition: string | null;
}
