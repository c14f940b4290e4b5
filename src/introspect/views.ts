import { inNamespaces, notExtensionMember } from './filters.js';

// Views and materialized views; their columns and indexes come from the columns and indexes queries.
export const VIEWS_QUERY = `
select c.oid,
       n.nspname::text as schema,
       c.relname::text as name,
       c.relkind = 'm' as materialized,
       pg_get_viewdef(c.oid, true) as definition,
       coalesce((select array_agg(o order by o) from unnest(c.reloptions) o), '{}')::text[] as options
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('v', 'm')
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_class', 'c.oid')}`;

export interface ViewRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  readonly definition: string;
  readonly options: readonly string[];
}
