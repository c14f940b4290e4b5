import { inNamespaces } from './filters.js';

// Extensions installed into one of the namespaces read (plpgsql lives in pg_catalog: not listed).
export const EXTENSIONS_QUERY = `
select e.extname::text as name, n.nspname::text as schema, e.extversion::text as version
from pg_extension e
join pg_namespace n on n.oid = e.extnamespace
where ${inNamespaces('n')}`;

export interface ExtensionRow {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
}
