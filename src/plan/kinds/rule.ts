// Rewrite rules: created once every relation exists (a rule's action names other tables: an
// INSERT redirected to a child), replaced in place with CREATE OR REPLACE RULE, dropped before
// the relations they name.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import type { QualifiedName, Rule, Schema } from '../../schema/types.js';
import { q } from '../ddl.js';
import { Phase, type PlanContext, type Planners } from '../context.js';

export const RULE_PLANNERS: Planners<'AddRule' | 'ModifyRule' | 'DropRule'> = {
  AddRule: planAddRule,
  ModifyRule: planModifyRule,
  DropRule: planDropRule,
};

const ENABLE: Record<Rule['enabled'], string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

const createRule = (r: Rule): string => r.definition.trim().replace(/;\s*$/, '');
const replaceRule = (r: Rule): string => createRule(r).replace(/^CREATE RULE /, 'CREATE OR REPLACE RULE ');
const dropRule = (r: Rule): string => `DROP RULE ${quoteIdent(r.name)} ON ${q(r.table)}`;
const enableRule = (r: Rule): string => `ALTER TABLE ${q(r.table)} ${ENABLE[r.enabled]} RULE ${quoteIdent(r.name)}`;

function planAddRule(change: ChangeOf<'AddRule'>, { emit }: PlanContext): void {
  const r = change.rule;
  emit(Phase.AddDependents, change.kind, createRule(r), [dropRule(r)]);
  if (r.enabled !== 'O') emit(Phase.AddDependents, change.kind, enableRule(r), []);
}

function planModifyRule(change: ChangeOf<'ModifyRule'>, { emit }: PlanContext): void {
  const { from: a, to: b } = change;
  if (a.definition !== b.definition) emit(Phase.AddDependents, change.kind, replaceRule(b), [replaceRule(a)]);
  if (a.enabled !== b.enabled) emit(Phase.AddDependents, change.kind, enableRule(b), [enableRule(a)]);
}

function planDropRule(change: ChangeOf<'DropRule'>, { emit }: PlanContext): void {
  const r = change.rule;
  emit(Phase.DropDependents, change.kind, dropRule(r), [createRule(r), ...(r.enabled !== 'O' ? [enableRule(r)] : [])]);
}

/**
 * The statements that give a re-created table or view back the rules `schema` has on it (DROP
 * took them): all of them, or those no AddRule of the plan creates already.
 */
export function rulesOn(schema: Schema, relation: QualifiedName, added: ReadonlySet<string> = new Set()): string[] {
  const on = (r: Rule) => r.table.schema === relation.schema && r.table.name === relation.name;
  return (schema.rules ?? []).filter((r) => on(r) && !added.has(r.name)).flatMap((r) => [createRule(r), ...(r.enabled !== 'O' ? [enableRule(r)] : [])]);
}

/** DROP RULE for each rule `schema` has on the relation, each undone by its CREATE RULE. */
export function dropRulesOn(schema: Schema, relation: QualifiedName): { sql: string; reverse: string[] }[] {
  const on = (r: Rule) => r.table.schema === relation.schema && r.table.name === relation.name;
  return (schema.rules ?? []).filter(on).map((r) => ({ sql: dropRule(r), reverse: [createRule(r), ...(r.enabled !== 'O' ? [enableRule(r)] : [])] }));
}
