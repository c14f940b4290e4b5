import { inNamespaces, notExtensionMember } from './filters.js';

// Enum types with their labels in sort order.
export const ENUMS_QUERY = `
select t.oid,
       n.nspname::text as schema,
       t.typname::text as name,
       array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as labels
from pg_type t
join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'e'
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_type', 't.oid')}`;

export interface EnumRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly labels: string[];
}
