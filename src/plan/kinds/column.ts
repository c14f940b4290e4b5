// Columns: added, dropped, renamed, altered (type with its cast, default, NOT NULL by the validated-check recipe, identity, generated), inheritance-aware.
import type { ChangeOf } from '../../diff/changes.js';
import { quoteIdent } from '../../schema/quote.js';
import type { Column, Schema } from '../../schema/types.js';
import { collateClause, columnDefinition, commentOn, grant, identityOptionList, q } from '../ddl.js';
import { childrenOf } from '../inherits.js';
import { shortName } from '../names.js';
import type { Hazard } from '../types.js';
import { defaultIsVolatile } from '../../schema/volatility.js';
import { sameExpression } from '../../schema/normalize.js';
import { Phase, PlanError, hz, key, type PlanContext, type Planners, type Emit } from '../context.js';
import { typeSpelling } from './enum.js';
import { missingCast } from '../casts.js';

export const COLUMN_PLANNERS: Planners<'AddColumn' | 'DropColumn' | 'RenameColumn' | 'ModifyColumn'> = {
  AddColumn: planAddColumn,
  DropColumn: planDropColumn,
  RenameColumn: planRenameColumn,
  ModifyColumn: planModifyColumn,
};

function planAddColumn(change: ChangeOf<'AddColumn'>, { emit, isNew }: PlanContext): void {
  const { table, column: c } = change;
  const hazards: Hazard[] = [];
  if (!isNew(table)) {
    if (c.notNull && c.default === null && !c.identity && !c.generated) hazards.push(hz('may-fail', `fails if ${table.name} has rows: NOT NULL without a default`));
    if (c.identity || c.generated || defaultIsVolatile(c.default)) hazards.push(hz('rewrites-table', `adding ${c.name} rewrites ${table.name}`));
  }
  emit(Phase.AlterTables, change.kind, `ALTER TABLE ${q(table)} ADD COLUMN ${columnDefinition(c)}`, [`ALTER TABLE ${q(table)} DROP COLUMN ${quoteIdent(c.name)}`], { hazards });
  if (c.comment !== null) emit(Phase.AlterTables, change.kind, commentOn('COLUMN', `${q(table)}.${quoteIdent(c.name)}`, c.comment), []);
  for (const g of c.grants) emit(Phase.AddDependents, change.kind, grant({ kind: 'column', schema: table.schema, name: table.name, column: c.name }, g), []);
}

function planDropColumn(change: ChangeOf<'DropColumn'>, { emit, options, fromTables }: PlanContext): void {
  const { table, column: c } = change;
  const restore = [`ALTER TABLE ${q(table)} ADD COLUMN ${columnDefinition(c)}`, ...(c.comment !== null ? [commentOn('COLUMN', `${q(table)}.${quoteIdent(c.name)}`, c.comment)] : []),
    ...c.grants.map((g) => grant({ kind: 'column', schema: table.schema, name: table.name, column: c.name }, g))];
  // A parent drops its own column only (ONLY): children that lose it too drop it themselves,
  // after, and those that keep it keep their values. The reverse ADD reaches them again.
  const parent = fromTables.has(key(table)) && childrenOf(options.from, table).length > 0;
  emit(parent ? Phase.DropParentColumns : Phase.DropColumns, change.kind, `ALTER TABLE ${parent ? 'ONLY ' : ''}${q(table)} DROP COLUMN ${quoteIdent(c.name)}`, restore, { hazards: [hz('deletes-data', `drops column ${table.name}.${c.name} and its values${parent ? ' (inheritance children keep theirs unless they drop it too)' : ''}`)] });
}

function planRenameColumn(change: ChangeOf<'RenameColumn'>, { emit }: PlanContext): void {
  const t = q(change.table);
  emit(Phase.Renames, change.kind, `ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(change.from.name)} TO ${quoteIdent(change.to.name)}`, [`ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(change.to.name)} TO ${quoteIdent(change.from.name)}`]);
}

function planModifyColumn(change: ChangeOf<'ModifyColumn'>, { emit, options, fromTables, enumTypes, parentColumnChange, afterParent }: PlanContext): void {
  const byItsParent = change.from.inherited ? parentColumnChange(change) : undefined;
  const arriving = change.from.inherited !== undefined && !fromTables.get(key(change.table))?.columns.some((c) => c.name === change.from.name);
  if (byItsParent || arriving) {
    const rest = leftAfterParent(change, byItsParent);
    if (rest) alterColumn(rest, afterParent, enumTypes);
  } else {
    alterColumn(change, emit, enumTypes, fromTables.has(key(change.table)) && childrenOf(options.from, change.table).length > 0);
  }
}

/** The child's column change once its parent's `parent` (if any) has reached it, or null when nothing is left. */
function leftAfterParent(change: ChangeOf<'ModifyColumn'>, parent: ChangeOf<'ModifyColumn'> | undefined): ChangeOf<'ModifyColumn'> | null {
  let was = change.from;
  if (parent) {
    // The type and NOT NULL reach the children; the parent's default does not (it is set with ONLY).
    was = { ...was, type: parent.to.type, collation: parent.to.collation, notNull: parent.changes.nullability ? parent.to.notNull : was.notNull };
  }
  const ctx = { schema: change.table.schema };
  const changes = {
    type: false, identity: false, identityOptions: false, generated: false, collation: false,
    nullability: was.notNull !== change.to.notNull,
    default: !sameExpression(was.default, change.to.default, ctx),
    comment: change.changes.comment,
  };
  return Object.values(changes).some(Boolean) ? { ...change, from: was, changes } : null;
}

/** `parentOnly`: an inheritance parent sets its own default only (ONLY); its children's are their own changes. */
function alterColumn(change: ChangeOf<'ModifyColumn'>, emit: Emit, enumTypes: ReadonlySet<string>, parentOnly = false): void {
  const { table, from: a, to: b, changes } = change;
  const t = q(table);
  const col = quoteIdent(b.name);
  const alter = (s: string) => `ALTER TABLE ${t} ALTER COLUMN ${col} ${s}`;
  const alterDefault = (s: string) => (parentOnly ? `ALTER TABLE ONLY ${t} ALTER COLUMN ${col} ${s}` : alter(s));
  const setDefault = (c: Column) => (c.default === null ? alterDefault('DROP DEFAULT') : alterDefault(`SET DEFAULT ${c.default}`));

  if (changes.generated) {
    // A generated expression cannot be swapped in place on every supported version: re-add the column.
    emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} DROP COLUMN ${col}`, [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(a)}`], { hazards: [hz('deletes-data', `re-creates ${b.name}`)] });
    emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(b)}`, [`ALTER TABLE ${t} DROP COLUMN ${col}`], { hazards: [hz('rewrites-table', `adding ${b.name} rewrites ${table.name}`)] });
    return;
  }
  const typeChange = changes.type || changes.collation;
  const defaultAround = typeChange && (a.default !== null || b.default !== null);
  const generated = (c: Column) => `GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'}`;
  const addIdentity = (c: Column) => {
    const options = c.identityOptions ? identityOptionList(c.type, c.identityOptions, true) : [];
    return alter(`ADD ${generated(c)} AS IDENTITY${options.length ? ` (${options.join(' ')})` : ''}`);
  };
  const setOptions = (c: Column) => alter(identityOptionList(c.type, c.identityOptions!, false).map((o) => `SET ${o}`).join(' '));
  if (changes.identity && a.identity) {
    if (b.identity) emit(Phase.AlterTables, change.kind, alter(`SET ${generated(b)}`), [alter(`SET ${generated(a)}`)]);
    else emit(Phase.AlterTables, change.kind, alter('DROP IDENTITY'), [addIdentity(a)]);
  }
  if (changes.identityOptions && a.identity && b.identity) {
    emit(Phase.AlterTables, change.kind, setOptions(b), [setOptions(a)], { hazards: [hz('may-fail', `fails if the current value of ${b.name}'s sequence is outside the new MINVALUE/MAXVALUE`)] });
  }
  if ((changes.default || defaultAround) && a.default !== null) emit(Phase.AlterTables, change.kind, alterDefault('DROP DEFAULT'), [setDefault(a)]);
  if (changes.type && !enumTypes.has(a.type.replace(/(\[\])+$/, '')) && !enumTypes.has(b.type.replace(/(\[\])+$/, ''))) {
    const why = missingCast(a.type, b.type);
    if (why) throw new PlanError(`cannot plan the type change of column ${table.schema}.${table.name}.${b.name} from ${a.type} to ${b.type}: ${why}, so ALTER COLUMN ... TYPE would fail on apply; add a column of the new type, fill it with the conversion you mean (for instance to_timestamp(${a.name}) for epoch seconds) and drop the old one in a migration, then diff again`);
  }
  if (typeChange) {
    const collate = collateClause(b.collation);
    const back = `TYPE ${a.type}${collateClause(a.collation)} USING ${castTo(col, b.type, a.type, enumTypes)}`;
    emit(Phase.AlterTables, change.kind, alter(`TYPE ${b.type}${collate} USING ${castTo(col, a.type, b.type, enumTypes)}`), [alter(back)], { hazards: [hz('rewrites-table', `changing ${b.name} to ${b.type} may rewrite ${table.name} under an ACCESS EXCLUSIVE lock`), hz('may-fail', 'fails if a value does not convert')] });
  }
  if ((changes.default || defaultAround) && b.default !== null) emit(Phase.AlterTables, change.kind, setDefault(b), [alterDefault('DROP DEFAULT')]);
  if (changes.nullability) {
    if (b.notNull) {
      const check = shortName(`${table.name}_${b.name}_not_null`);
      const addCheck = `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(check)} CHECK (${col} IS NOT NULL) NOT VALID`;
      const dropCheck = `ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${quoteIdent(check)}`;
      emit(Phase.AlterTables, change.kind, addCheck, [dropCheck]);
      emit(Phase.AlterTables, change.kind, `ALTER TABLE ${t} VALIDATE CONSTRAINT ${quoteIdent(check)}`, [], { hazards: [hz('may-fail', `fails if ${b.name} holds NULL`)] });
      emit(Phase.AlterTables, change.kind, alter('SET NOT NULL'), [alter('DROP NOT NULL')]);
      emit(Phase.AlterTables, change.kind, dropCheck, []);
    } else {
      emit(Phase.AlterTables, change.kind, alter('DROP NOT NULL'), [alter('SET NOT NULL')]);
    }
  }
  // An identity needs NOT NULL first ("must be declared NOT NULL before identity can be added").
  if (changes.identity && !a.identity && b.identity) emit(Phase.AlterTables, change.kind, addIdentity(b), [alter('DROP IDENTITY')]);
  if (changes.comment) emit(Phase.AlterTables, change.kind, commentOn('COLUMN', `${t}.${col}`, b.comment), [commentOn('COLUMN', `${t}.${col}`, a.comment)]);
}

/**
 * The USING expression of a type change. PostgreSQL has no cast between two enums (nor from an
 * enum to most types): going through text works whenever the labels convert, and the step
 * already carries a may-fail hazard for when they do not.
 */
function castTo(col: string, from: string, to: string, enumTypes: ReadonlySet<string>): string {
  const element = (t: string) => t.replace(/(\[\])+$/, '');
  const dims = (t: string) => t.slice(element(t).length);
  const viaText = from !== to && (enumTypes.has(element(from)) || enumTypes.has(element(to))) && element(from) !== 'text';
  return viaText ? `${col}::text${dims(from)}::${to}` : `${col}::${to}`;
}

/** Column-type spellings of every enum on either side (schema/types.ts canonical form). */
export function enumSpellings(...schemas: Schema[]): Set<string> {
  return new Set(schemas.flatMap((s) => s.enums.map(typeSpelling)));
}
