// Rewrite rules, paired by table and name: a changed definition or enabled state is a ModifyRule.
import type { Rule } from '../schema/types.js';
import type { Change } from './changes.js';
import { pairLists } from './lists.js';

const ruleKey = (r: Rule): string => `${r.table.schema}.${r.table.name}.${r.name}`;

export function diffRules(a: readonly Rule[], b: readonly Rule[]): Change[] {
  const p = pairLists(a, b, [ruleKey]);
  const out: Change[] = [];
  for (const rule of p.added) out.push({ kind: 'AddRule', table: rule.table, rule });
  for (const [x, y] of p.pairs) if (x.definition !== y.definition || x.enabled !== y.enabled) out.push({ kind: 'ModifyRule', table: y.table, from: x, to: y });
  for (const rule of p.dropped) out.push({ kind: 'DropRule', table: rule.table, rule });
  return out;
}
