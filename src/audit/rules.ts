// Change[] (from the live database to the models) → Finding[]. The severity says what happens
// to the application: critical — it will break (a declared table or column missing, an
// incompatible type, a NOT NULL column inserts will violate, a missing enum label); warning —
// drift that bites later (undeclared or legacy objects, orphaned or missing indexes and
// constraints, looser nullability, default mismatch); info — comments and the like.
import type { Change, ChangeOf } from '../diff/changes.js';
import { typeCompatibility } from '../diff/renames.js';
import type { LegacyDeclaration } from '../model/legacy.js';
import { normalizeType } from '../schema/normalize.js';
import { quoteIdentIfNeeded, quoteLiteral } from '../schema/quote.js';
import type { Column, QualifiedName, Schema } from '../schema/types.js';
import { columnDefinition, createIndex, dropIndex, q as ddlName } from '../plan/ddl.js';
import { plan, PlanError } from '../plan/plan.js';
import type { Finding, FindingRule, Severity, TableUsage } from './finding.js';
import { sqlTokens } from '../schema/sql-text.js';

export interface RuleContext {
  readonly actual: Schema;
  readonly desired: Schema;
  readonly legacy: readonly LegacyDeclaration[];
  readonly usage: ReadonlyMap<string, TableUsage>;
}

const q = (o: QualifiedName) => `${quoteIdentIfNeeded(o.schema)}.${quoteIdentIfNeeded(o.name)}`;
const qn = (o: QualifiedName) => `${o.schema}.${o.name}`;
const id = quoteIdentIfNeeded;

function finding(rule: FindingRule, severity: Severity, table: string | null, object: string, message: string, fix: string, extra: Partial<Finding> = {}): Finding {
  return { id: `${rule}:${object}`, rule, severity, table, object, message, fix, accepted: null, ...extra };
}

/**
 * The planner's statements for the changes, as one line: the same SQL `diff --format sql` writes
 * (collations, opclasses, NULLS NOT DISTINCT, NOT VALID recipes and casts included). Null when
 * the planner refuses them: the caller's advice stands then.
 */
function planned(changes: readonly Change[], ctx: RuleContext): string | null {
  try {
    const p = plan(changes, { from: ctx.actual, to: ctx.desired });
    const sql = p.statements.filter((s) => !/^SET /.test(s.sql)).map((s) => `${oneLineSql(s.sql)};`);
    return sql.length > 0 ? sql.join(' ') : null;
  } catch (error) {
    if (error instanceof PlanError) return null;
    throw error;
  }
}

/**
 * A statement on one line for a finding's fix: line breaks between tokens become spaces; those
 * inside quoted names, literals and dollar-quoted bodies are part of the value and stay.
 */
function oneLineSql(sql: string): string {
  return sqlTokens(sql).map((t) => (t.kind === 'space' && t.text.includes('\n') ? ' ' : t.text)).join('');
}

function usageText(u: TableUsage | undefined): string {
  if (!u) return '';
  const rows = `${u.rowCount.toLocaleString('en-US')}${u.rowCountCapped ? '+' : ''} row${u.rowCount === 1 && !u.rowCountCapped ? '' : 's'}`;
  const n = (x: number, word: string) => `${x.toLocaleString('en-US')} ${word}${x === 1 ? '' : 's'}`;
  const activity = u.reads === 0 && u.writes === 0 ? 'no reads or writes since statistics were reset' : `${n(u.reads, 'scan')}, ${n(u.writes, 'row')} written since statistics were reset`;
  return ` (${rows}; ${activity})`;
}

/** A NOT NULL column with nothing to fill it: inserts that do not name it fail. */
function insertsWillFail(c: Column): boolean {
  return c.notNull && c.default === null && c.identity === null && c.generated === null;
}

export function findingsFromChanges(changes: readonly Change[], ctx: RuleContext): Finding[] {
  const legacyTable = (o: QualifiedName) => ctx.legacy.find((l) => l.object === 'table' && l.schema === o.schema && l.name === o.name);
  const legacyColumn = (t: QualifiedName, name: string) => ctx.legacy.find((l) => l.object === 'column' && l.schema === t.schema && l.table === t.name && l.name === name);
  const legacyOf = (object: LegacyDeclaration['object'], o: QualifiedName) => ctx.legacy.find((l) => l.object === object && l.schema === o.schema && l.name === o.name);
  const declaredTables = new Set(ctx.desired.tables.map(qn));

  // A column renamed and also changed in type etc. is reported once, on the rename.
  const renamedColumns = new Set(changes.filter((c): c is ChangeOf<'RenameColumn'> => c.kind === 'RenameColumn').map((c) => `${qn(c.table)}.${c.to.name}`));
  const modifyOf = new Map(
    changes.filter((c): c is ChangeOf<'ModifyColumn'> => c.kind === 'ModifyColumn').map((c) => [`${qn(c.table)}.${c.to.name}`, c] as const),
  );

  const out: Finding[] = [];
  for (const change of changes) {
    switch (change.kind) {
      case 'AddTable': {
        const t = change.table;
        out.push(finding('missing-table', 'critical', qn(t), qn(t), `table ${qn(t)} is declared in the models but missing from the database`, `create it: run the pending migrations, or CREATE TABLE ${q(t)} (…) as the models declare`));
        break;
      }
      case 'DropTable': {
        const t = change.table;
        const l = legacyTable(t);
        const usage = ctx.usage.get(qn(t));
        if (l) {
          const successor = l.renamedTo ?? l.replacedBy;
          out.push(
            finding('legacy-table', 'warning', qn(t), qn(t), `legacy table ${qn(t)} is still present${usageText(usage)}: ${l.reason}${l.replacedBy ? `; replaced by ${l.replacedBy}` : ''}`, successor ? `move its data to ${successor}, then DROP TABLE ${q(t)}; in a migration whose down restores it` : `DROP TABLE ${q(t)}; in a migration whose down restores it and its rows`, { ...(usage ? { usage } : {}), legacy: { reason: l.reason, replacedBy: l.replacedBy } }),
          );
        } else {
          out.push(
            finding('undeclared-table', 'warning', qn(t), qn(t), `table ${qn(t)} exists in the database but is not declared in the models${usageText(usage)}`, `declare it in the models, declare it legacy, or DROP TABLE ${q(t)}; once nothing uses it`, usage ? { usage } : {}),
          );
        }
        break;
      }
      case 'RenameTable': {
        const l = legacyTable(change.from);
        const how = l?.renamedTo === change.to.name ? 'declared renamed' : `likely renamed (confidence ${Math.round(change.confidence * 100)}%)`;
        out.push(
          finding('renamed-table', 'critical', qn(change.to), qn(change.to), `table ${qn(change.to)} is missing; ${qn(change.from)} is ${how} to it`, planned([change], ctx) ?? `ALTER TABLE ${q(change.from)} RENAME TO ${id(change.to.name)};`, { confidence: change.confidence }),
        );
        break;
      }
      case 'ModifyTable': {
        const c = change.changes;
        const what = Object.entries(c).filter(([, v]) => v).map(([k]) => k);
        const onlyComment = what.length === 1 && c.comment;
        out.push(
          finding('table-mismatch', onlyComment ? 'info' : 'warning', qn(change.table), qn(change.table), `table ${qn(change.table)} differs in ${what.join(', ')}`, onlyComment ? `COMMENT ON TABLE ${q(change.table)} IS ${change.to.comment === null ? 'NULL' : quoteLiteral(change.to.comment)};` : 'align the table with the models in a migration'),
        );
        break;
      }
      case 'AddInherit':
      case 'DropInherit': {
        const adds = change.kind === 'AddInherit';
        const what = `${qn(change.table)} ${adds ? 'is declared to inherit from' : 'inherits from'} ${qn(change.parent)}${adds ? ' but does not' : ', which the models do not declare'}`;
        out.push(finding('table-mismatch', 'warning', qn(change.table), qn(change.table), `table ${what}`, `ALTER TABLE ${q(change.table)} ${adds ? 'INHERIT' : 'NO INHERIT'} ${q(change.parent)};`));
        break;
      }
      case 'AddColumn': {
        const c = change.column;
        out.push(finding('missing-column', 'critical', qn(change.table), `${qn(change.table)}.${c.name}`, `column ${c.name} (${c.type}) is declared but missing from ${qn(change.table)}`, planned([change], ctx) ?? `ALTER TABLE ${ddlName(change.table)} ADD COLUMN ${columnDefinition(c)};`));
        break;
      }
      case 'DropColumn': {
        const c = change.column;
        const l = legacyColumn(change.table, c.name);
        const object = `${qn(change.table)}.${c.name}`;
        const blocking = insertsWillFail(c);
        if (l) {
          out.push(finding('legacy-column', blocking ? 'critical' : 'warning', qn(change.table), object, `legacy column ${c.name} is still present on ${qn(change.table)}${blocking ? ' and is NOT NULL without a default: inserts from the application will fail' : ''}: ${l.reason}${l.replacedBy ? `; replaced by ${l.replacedBy}` : ''}`, `move its data${l.replacedBy ? ` to ${l.replacedBy}` : ''}, then ALTER TABLE ${q(change.table)} DROP COLUMN ${id(c.name)};`, { legacy: { reason: l.reason, replacedBy: l.replacedBy } }));
        } else if (blocking) {
          out.push(finding('undeclared-column', 'critical', qn(change.table), object, `column ${c.name} is not declared but is NOT NULL without a default on ${qn(change.table)}: inserts from the application will fail`, `declare it, give it a default, or ALTER TABLE ${q(change.table)} ALTER COLUMN ${id(c.name)} DROP NOT NULL;`));
        } else {
          out.push(finding('undeclared-column', 'warning', qn(change.table), object, `column ${c.name} (${c.type}) exists on ${qn(change.table)} but is not declared`, `declare it in the models, or ALTER TABLE ${q(change.table)} DROP COLUMN ${id(c.name)}; once nothing uses it`));
        }
        break;
      }
      case 'RenameColumn': {
        const modify = modifyOf.get(`${qn(change.table)}.${change.to.name}`);
        const declared = legacyColumn(change.table, change.from.name)?.renamedTo === change.to.name;
        const how = declared ? 'declared renamed' : `likely renamed (confidence ${Math.round(change.confidence * 100)}%)`;
        const also = modify ? `; it also differs: ${columnDifferences(modify).join(', ')}` : '';
        const fixes = [`ALTER TABLE ${q(change.table)} RENAME COLUMN ${id(change.from.name)} TO ${id(change.to.name)};`];
        if (modify?.changes.type) fixes.push(`ALTER TABLE ${q(change.table)} ALTER COLUMN ${id(change.to.name)} TYPE ${change.to.type} USING ${id(change.to.name)}::text::${change.to.type};`);
        out.push(finding('renamed-column', 'critical', qn(change.table), `${qn(change.table)}.${change.to.name}`, `column ${change.to.name} is missing from ${qn(change.table)}; ${change.from.name} is ${how} to it${also}`, planned(modify ? [change, modify] : [change], ctx) ?? fixes.join(' '), { confidence: change.confidence }));
        break;
      }
      case 'ModifyColumn': {
        if (renamedColumns.has(`${qn(change.table)}.${change.to.name}`)) break;
        out.push(columnMismatch(change, ctx));
        break;
      }
      case 'AddEnum': {
        const e = change.enum;
        out.push(finding('missing-enum', 'critical', null, qn(e), `enum ${qn(e)} is declared but missing from the database`, planned([change], ctx) ?? `CREATE TYPE ${q(e)} AS ENUM (${e.labels.map(quoteLiteral).join(', ')});`));
        break;
      }
      case 'DropEnum': {
        const e = change.enum;
        const l = legacyOf('enum', e);
        if (l) out.push(finding('legacy-enum', 'warning', null, qn(e), `legacy enum ${qn(e)} is still present: ${l.reason}${l.replacedBy ? `; replaced by ${l.replacedBy}` : ''}`, `DROP TYPE ${q(e)}; once no column uses it`, { legacy: { reason: l.reason, replacedBy: l.replacedBy } }));
        else out.push(finding('undeclared-enum', 'info', null, qn(e), `enum ${qn(e)} exists in the database but is not declared`, `declare it with enumType(), or DROP TYPE ${q(e)};`));
        break;
      }
      case 'ModifyEnum': {
        const e = change.to;
        if (change.added.length > 0) {
          out.push(
            finding('enum-mismatch', 'critical', null, qn(e), `enum ${qn(e)} lacks the label${change.added.length > 1 ? 's' : ''} ${change.added.map((a) => `'${a.label}'`).join(', ')}: writing ${change.added.length > 1 ? 'them' : 'it'} will fail`, change.added.map((a) => `ALTER TYPE ${q(e)} ADD VALUE ${quoteLiteral(a.label)}${a.after ? ` AFTER ${quoteLiteral(a.after)}` : ''};`).join(' ')),
          );
        }
        if (change.removed.length > 0) {
          out.push(finding('enum-mismatch', 'warning', null, `${qn(e)}:extra-labels`, `enum ${qn(e)} has undeclared label${change.removed.length > 1 ? 's' : ''} ${change.removed.map((l) => `'${l}'`).join(', ')}`, `declare them, or re-create the type without them once no row uses them`));
        }
        if (change.reordered) out.push(finding('enum-mismatch', 'info', null, `${qn(e)}:order`, `enum ${qn(e)} orders its labels differently (${change.from.labels.join(', ')})`, 'order matters only to comparisons with < and >; re-create the type to change it'));
        if (change.commentChanged) out.push(finding('enum-mismatch', 'info', null, `${qn(e)}:comment`, `enum ${qn(e)} comment differs`, `COMMENT ON TYPE ${q(e)} IS ${e.comment === null ? 'NULL' : quoteLiteral(e.comment)};`));
        break;
      }
      case 'AddIndex': {
        if (!declaredTables.has(qn(change.table))) break;
        out.push(finding('missing-index', 'warning', qn(change.table), `${change.table.schema}.${change.index.name}`, `index ${change.index.name} on ${qn(change.table)} is declared but missing`, planned([change], ctx) ?? `${createIndex(change.table, change.index, true)};`));
        break;
      }
      case 'DropIndex': {
        const l = ctx.legacy.find((x) => x.object === 'index' && x.name === change.index.name && x.schema === change.table.schema);
        out.push(
          finding('orphaned-index', 'warning', qn(change.table), `${change.table.schema}.${change.index.name}`, l ? `legacy index ${change.index.name} is still present on ${qn(change.table)}: ${l.reason}` : `index ${change.index.name} on ${qn(change.table)} is not declared (orphaned: left behind by an earlier change?)`, `DROP INDEX CONCURRENTLY ${id(change.table.schema)}.${id(change.index.name)};`),
        );
        break;
      }
      case 'ModifyIndex': {
        const invalid = !change.from.valid && change.to.valid;
        out.push(
          finding(invalid ? 'invalid-index' : 'index-mismatch', 'warning', qn(change.table), `${change.table.schema}.${change.to.name}`, invalid ? `index ${change.to.name} on ${qn(change.table)} is INVALID (a failed CREATE INDEX CONCURRENTLY): it is maintained but never used` : `index ${change.to.name} on ${qn(change.table)} is defined differently from the models`, planned([change], ctx) ?? `${dropIndex(change.table, change.from, true)}; ${createIndex(change.table, change.to, true)};`),
        );
        break;
      }
      case 'AddPrimaryKey':
      case 'AddUnique':
      case 'AddForeignKey':
      case 'AddCheck':
      case 'AddExclusion': {
        if (!declaredTables.has(qn(change.table))) break;
        const [what, name] = constraintOf(change);
        out.push(finding('missing-constraint', 'warning', qn(change.table), `${qn(change.table)}.${name}`, `${what} ${name} on ${qn(change.table)} is declared but missing`, planned([change], ctx) ?? `ALTER TABLE ${q(change.table)} ADD CONSTRAINT ${id(name)} …; (validate existing rows first)`));
        break;
      }
      case 'DropPrimaryKey':
      case 'DropUnique':
      case 'DropForeignKey':
      case 'DropCheck':
      case 'DropExclusion': {
        const [what, name] = constraintOf(change);
        out.push(finding('orphaned-constraint', 'warning', qn(change.table), `${qn(change.table)}.${name}`, `${what} ${name} on ${qn(change.table)} is not declared in the models`, `declare it, or ALTER TABLE ${q(change.table)} DROP CONSTRAINT ${id(name)};`));
        break;
      }
      case 'ModifyPrimaryKey':
      case 'ModifyUnique':
      case 'ModifyForeignKey':
      case 'ModifyCheck':
      case 'ModifyExclusion': {
        const [what, name] = constraintOf(change);
        out.push(finding('constraint-mismatch', 'warning', qn(change.table), `${qn(change.table)}.${name}`, `${what} ${name} on ${qn(change.table)} is defined differently from the models`, `drop and re-create ${id(name)} as the models declare, in a migration`));
        break;
      }
      case 'DropTrigger':
      case 'ModifyTrigger': {
        const trigger = change.kind === 'DropTrigger' ? change.trigger : change.to;
        out.push(finding('undeclared-object', 'info', qn(change.table), `${qn(change.table)}.${trigger.name}`, `trigger ${trigger.name} on ${qn(change.table)} is not declared in the models`, 'triggers are not modelled: review it by hand'));
        break;
      }
      case 'DropPolicy':
      case 'ModifyPolicy': {
        const policy = change.kind === 'DropPolicy' ? change.policy : change.to;
        out.push(finding('undeclared-object', 'info', qn(change.table), `${qn(change.table)}.${policy.name}`, `row-level security policy ${policy.name} on ${qn(change.table)} is not declared in the models`, 'policies are not modelled: review it by hand'));
        break;
      }
      case 'DropRule':
      case 'ModifyRule': {
        const rule = change.kind === 'DropRule' ? change.rule : change.to;
        out.push(finding('undeclared-object', 'info', qn(change.table), `${qn(change.table)}.${rule.name}`, `rule ${rule.name} on ${qn(change.table)} is not declared in the models`, 'rules are not modelled: review it by hand'));
        break;
      }
      case 'DropView': {
        const v = change.view;
        const l = legacyOf('view', v);
        out.push(finding(l ? 'legacy-object' : 'undeclared-object', l ? 'warning' : 'info', null, qn(v), l ? `legacy ${v.materialized ? 'materialized ' : ''}view ${qn(v)} is still present: ${l.reason}` : `${v.materialized ? 'materialized ' : ''}view ${qn(v)} is not declared in the models`, `DROP ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${q(v)}; once nothing uses it`));
        break;
      }
      case 'DropRoutine': {
        const r = change.routine;
        const l = legacyOf('function', r);
        out.push(finding(l ? 'legacy-object' : 'undeclared-object', l ? 'warning' : 'info', null, `${qn(r)}(${r.identityArguments})`, l ? `legacy ${r.kind} ${qn(r)} is still present: ${l.reason}` : `${r.kind} ${qn(r)}(${r.identityArguments}) is not declared in the models`, `DROP ${r.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${q(r)}(${r.identityArguments}); once nothing uses it`));
        break;
      }
      case 'DropSequence': {
        const s = change.sequence;
        // Sequences of undeclared or legacy tables go with their table.
        if (s.ownedBy) break;
        out.push(finding('undeclared-object', 'info', null, qn(s), `sequence ${qn(s)} is not declared in the models`, `DROP SEQUENCE ${q(s)}; once nothing uses it`));
        break;
      }
      case 'AddSequence':
      case 'ModifySequence':
        // Sequences of serial columns follow their column: its default is compared instead.
        break;
      case 'DropDomain':
        out.push(finding('undeclared-object', 'info', null, qn(change.domain), `domain ${qn(change.domain)} is not declared in the models`, 'domains are not modelled: review it by hand'));
        break;
      case 'AddView':
      case 'ModifyView':
      case 'AddRoutine':
      case 'ModifyRoutine':
      case 'AddDomain':
      case 'ModifyDomain':
      case 'AddTrigger':
      case 'AddPolicy':
      case 'AddRule':
        out.push(finding('object-mismatch', 'info', null, describeObject(change), `${change.kind.replace(/([A-Z])/g, ' $1').trim().toLowerCase()}: ${describeObject(change)}`, 'align it by hand'));
        break;
      // Not modelled: namespaces, extensions, grants and owners are the database's business.
      case 'AddNamespace':
      case 'DropNamespace':
      case 'ModifyNamespace':
      case 'AddExtension':
      case 'DropExtension':
      case 'ModifyExtension':
      case 'AddGrant':
      case 'DropGrant':
      case 'ModifyOwner':
      case 'ModifyDefaultPrivileges':
      // Not modelled either: collations, composite and range types (models are compared without them).
      case 'AddCollation':
      case 'DropCollation':
      case 'ModifyCollation':
      case 'AddComposite':
      case 'DropComposite':
      case 'ModifyComposite':
      case 'AddRange':
      case 'DropRange':
      case 'ModifyRange':
        break;
      default: {
        const never: never = change;
        void never;
      }
    }
  }
  return out;
}

function describeObject(change: Change): string {
  switch (change.kind) {
    case 'AddView':
      return qn(change.view);
    case 'ModifyView':
    case 'ModifyRoutine':
    case 'ModifyDomain':
      return qn(change.to);
    case 'AddRoutine':
      return qn(change.routine);
    case 'AddDomain':
      return qn(change.domain);
    case 'AddTrigger':
      return `${qn(change.table)}.${change.trigger.name}`;
    case 'AddPolicy':
      return `${qn(change.table)}.${change.policy.name}`;
    case 'AddRule':
      return `${qn(change.table)}.${change.rule.name}`;
    default:
      return change.kind;
  }
}

type ConstraintChange = ChangeOf<
  | 'AddPrimaryKey' | 'AddUnique' | 'AddForeignKey' | 'AddCheck' | 'AddExclusion'
  | 'DropPrimaryKey' | 'DropUnique' | 'DropForeignKey' | 'DropCheck' | 'DropExclusion'
  | 'ModifyPrimaryKey' | 'ModifyUnique' | 'ModifyForeignKey' | 'ModifyCheck' | 'ModifyExclusion'
>;

function constraintOf(c: ConstraintChange): [string, string] {
  switch (c.kind) {
    case 'AddPrimaryKey':
    case 'DropPrimaryKey':
      return ['primary key', c.primaryKey.name];
    case 'AddUnique':
    case 'DropUnique':
      return [`unique constraint (${c.unique.columns.join(', ')})`, c.unique.name];
    case 'AddForeignKey':
    case 'DropForeignKey':
      return [`foreign key (${c.foreignKey.columns.join(', ')}) → ${c.foreignKey.references.name}`, c.foreignKey.name];
    case 'AddCheck':
    case 'DropCheck':
      return [`check (${c.check.expression})`, c.check.name];
    case 'AddExclusion':
    case 'DropExclusion':
      return ['exclusion constraint', c.exclusion.name];
    case 'ModifyPrimaryKey':
      return ['primary key', c.to.name];
    case 'ModifyUnique':
      return ['unique constraint', c.to.name];
    case 'ModifyForeignKey':
      return ['foreign key', c.to.name];
    case 'ModifyCheck':
      return ['check', c.to.name];
    case 'ModifyExclusion':
      return ['exclusion constraint', c.to.name];
  }
}

function columnDifferences(change: ChangeOf<'ModifyColumn'>): string[] {
  const { from, to, changes } = change;
  const out: string[] = [];
  if (changes.type) out.push(`type ${from.type} in the database, ${to.type} in the models`);
  if (changes.nullability) out.push(to.notNull ? 'nullable in the database, NOT NULL in the models' : 'NOT NULL in the database, nullable in the models');
  if (changes.default) out.push(`default ${from.default ?? 'none'} in the database, ${to.default ?? 'none'} in the models`);
  if (changes.identity) out.push(`identity ${from.identity ?? 'none'} in the database, ${to.identity ?? 'none'} in the models`);
  if (changes.generated) out.push(`generated ${from.generated ?? 'no'} in the database, ${to.generated ?? 'no'} in the models`);
  if (changes.collation) out.push(`collation ${from.collation ?? 'default'} in the database, ${to.collation ?? 'default'} in the models`);
  if (changes.comment) out.push('comment differs');
  return out;
}

function columnMismatch(change: ChangeOf<'ModifyColumn'>, ctx: RuleContext): Finding {
  const { from, to, changes, table } = change;
  const enums = new Set([...ctx.actual.enums, ...ctx.desired.enums].flatMap((e) => [`${e.schema}.${e.name}`, e.name]));
  const isEnum = (t: string) => enums.has(normalizeType(t).replace(/\[\]$/, '')) || enums.has(t.replace(/\[\]$/, ''));
  let severity: Severity = 'info';
  const raise = (s: Severity) => {
    if (s === 'critical' || (s === 'warning' && severity === 'info')) severity = s;
  };
  const fixes: string[] = [];
  const target = `ALTER TABLE ${q(table)} ALTER COLUMN ${id(to.name)}`;
  if (changes.type) {
    const compat = typeCompatibility(from.type, to.type, isEnum, table.schema);
    raise(compat >= 0.8 ? 'warning' : 'critical');
    fixes.push(`${target} TYPE ${to.type};`);
  }
  if (changes.nullability) {
    // NOT NULL in the database but not in the models: the application may insert nulls.
    raise(from.notNull && !to.notNull ? (insertsWillFail(from) ? 'critical' : 'warning') : 'warning');
    fixes.push(to.notNull ? `${target} SET NOT NULL; (after checking no row is null)` : `${target} DROP NOT NULL;`);
  }
  if (changes.default) {
    // A NOT NULL column the models fill by default but the database does not: inserts fail.
    raise(from.notNull && from.default === null && to.default !== null && from.identity === null ? 'critical' : 'warning');
    fixes.push(to.default === null ? `${target} DROP DEFAULT;` : `${target} SET DEFAULT ${to.default};`);
  }
  if (changes.identity || changes.generated || changes.collation) {
    raise('warning');
    fixes.push('align the column with the models in a migration');
  }
  if (changes.comment) fixes.push(`COMMENT ON COLUMN ${q(table)}.${id(to.name)} IS ${to.comment === null ? 'NULL' : quoteLiteral(to.comment)};`);
  return finding('column-mismatch', severity, qn(table), `${qn(table)}.${to.name}`, `column ${to.name} on ${qn(table)}: ${columnDifferences(change).join('; ')}`, planned([change], ctx) ?? fixes.join(' '));
}

