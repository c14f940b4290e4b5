import type { Rule } from '../schema/types.js';
import { inNamespaces, notExtensionMember } from './filters.js';

// Rewrite rules of tables and views (CREATE RULE), the views' own `_RETURN` rules left out:
// they are the view's definition. pg_get_ruledef runs under search_path pg_catalog, so every
// relation a rule names is qualified.
export const RULES_QUERY = `
select n.nspname::text as schema, c.relname::text as table, r.rulename::text as name,
       pg_get_ruledef(r.oid) as definition, r.ev_enabled::text as enabled
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where r.rulename <> '_RETURN'
  and ${inNamespaces('n')}
  and ${notExtensionMember('pg_rewrite', 'r.oid')}`;

export interface RuleRow {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly definition: string;
  readonly enabled: 'O' | 'D' | 'R' | 'A';
}

/** The schema's `rules`, present only when there are some (an IR without rules stays as it was). */
export function assembleRules(rows: readonly RuleRow[]): { rules?: Rule[] } {
  if (rows.length === 0) return {};
  const rules = rows.map((r) => ({ table: { schema: r.schema, name: r.table }, name: r.name, definition: r.definition, enabled: r.enabled }));
  rules.sort((a, b) => `${a.table.schema}.${a.table.name}.${a.name}`.localeCompare(`${b.table.schema}.${b.table.name}.${b.name}`));
  return { rules };
}
