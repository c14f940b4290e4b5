import { notExtensionMember, userNamespace } from './filters.js';

// Every user namespace, whatever the scope: the caller keeps those asked for and names the
// others when one asked for does not exist. There are few; the filter is cheaper in the client.
export const NAMESPACES_QUERY = `
select n.oid, n.nspname::text as name
from pg_namespace n
where ${userNamespace('n')}
  and ${notExtensionMember('pg_namespace', 'n.oid')}`;

export interface NamespaceRow {
  readonly oid: number;
  readonly name: string;
}
