import { inNamespaces, notExtensionMember } from './filters.js';

const PG15 = 150000;
const PG16 = 160000;
const PG17 = 170000;

// User collations (CREATE COLLATION). The ICU/builtin locale moved between columns across
// versions (collcollate before 15, colliculocale in 15–16, colllocale from 17), so the query is
// written per version; the row always says `locale` for ICU and builtin, lc_* for libc.
export function collationsQuery(version: number): string {
  const locale = version >= PG17 ? 'c.colllocale' : version >= PG15 ? 'c.colliculocale' : `case when c.collprovider = 'i' then c.collcollate end`;
  const rules = version >= PG16 ? 'c.collicurules' : 'null::text';
  return `
select c.oid,
       n.nspname::text as schema,
       c.collname::text as name,
       c.collprovider::text as provider,
       case when c.collprovider = 'c' then null else ${locale} end as locale,
       case when c.collprovider = 'c' then c.collcollate end as lc_collate,
       case when c.collprovider = 'c' then c.collctype end as lc_ctype,
       c.collisdeterministic as deterministic,
       ${rules} as rules
from pg_collation c
join pg_namespace n on n.oid = c.collnamespace
where ${inNamespaces('n')}
  and ${notExtensionMember('pg_collation', 'c.oid')}`;
}

export interface CollationRow {
  readonly oid: number;
  readonly schema: string;
  readonly name: string;
  readonly provider: 'c' | 'i' | 'b' | 'd';
  readonly locale: string | null;
  readonly lc_collate: string | null;
  readonly lc_ctype: string | null;
  readonly deterministic: boolean;
  readonly rules: string | null;
}
