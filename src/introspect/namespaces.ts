import { notExtensionMember } from './filters.js';

// Every user namespace: the caller narrows it to --schema and validates the names given.
// Takes no parameter: it is what resolves `$1` for all the others.
export const NAMESPACES_QUERY = `
select n.oid, n.nspname::text as name
from pg_namespace n
where n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname !~ '^pg_toast'
  and n.nspname !~ '^pg_temp_'
  and ${notExtensionMember('pg_namespace', 'n.oid')}
order by 2`;

export interface NamespaceRow {
  readonly oid: number;
  readonly name: string;
}
