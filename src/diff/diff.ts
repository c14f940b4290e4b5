// diff(from, to): the changes that turn `from` into `to`. Pure and deterministic: no database,
// objects paired by name (then by definition, so a differently named but identical constraint
// is no drift), compared through the normalisers of schema/normalize.ts.
import { normalizeExpression, normalizeType, sameExpression } from '../schema/normalize.js';
import type {
  OwnerRevoked,
  Collation,
  Column,
  CompositeType,
  DefaultPrivileges,
  Namespace,
  Domain,
  EnumType,
  Grant,
  Index,
  PrimaryKey,
  QualifiedName,
  RangeType,
  Routine,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from '../schema/types.js';
import type { Change, ColumnChanges, GrantTarget, OwnerTarget, RoutineField, SequenceField, TableChanges } from './changes.js';
import { diffInherits, withoutParentsShare } from './inherits.js';
import { pairLists, qualifiedKey, sameList } from './lists.js';
import { detectColumnRenames, detectTableRenames } from './renames.js';
import { diffRules } from './rules.js';

export interface DiffOptions {
  /** Pair dropped and added columns/tables that look like renames (default true). */
  readonly detectRenames?: boolean;
  /** Renames known in advance (e.g. from legacy declarations): applied before detection, confidence 1. */
  readonly knownRenames?: {
    readonly tables?: readonly { readonly from: QualifiedName; readonly to: QualifiedName }[];
    readonly columns?: readonly { readonly table: QualifiedName; readonly from: string; readonly to: string }[];
  };
  /**
   * Objects of `from` known to be replaced rather than renamed (legacy declarations): rename
   * detection never pairs them. Columns are named on the table as it is named in `to`.
   */
  readonly notRenamed?: {
    readonly tables?: readonly QualifiedName[];
    readonly columns?: readonly { readonly table: QualifiedName; readonly name: string }[];
  };
}

export function diff(from: Schema, to: Schema, options: DiffOptions = {}): Change[] {
  const detectRenames = options.detectRenames ?? true;
  const enumNames = new Set([...from.enums, ...to.enums].flatMap((e) => [`${e.schema}.${e.name}`, e.name, `"${e.schema}"."${e.name}"`]));
  const isEnum = (type: string) => enumNames.has(type.replace(/\[\]$/, ''));
  const changes: Change[] = [];

  const ns = pairLists(from.namespaces, to.namespaces, [(n) => n.name]);
  const schemaTarget = (n: Namespace): GrantTarget => ({ kind: 'schema', schema: n.name, name: n.name });
  for (const n of ns.added) changes.push({ kind: 'AddNamespace', namespace: n }, ...diffPrivileges(schemaTarget(n), { grants: [] }, { grants: n.grants ?? [] }));
  for (const [a, b] of ns.pairs) {
    if (a.comment !== b.comment) changes.push({ kind: 'ModifyNamespace', from: a, to: b });
    changes.push(...diffOwner({ kind: 'schema', schema: b.name, name: b.name }, schemaTarget(b), a, b), ...diffPrivileges(schemaTarget(b), a, b));
  }

  const ext = pairLists(from.extensions, to.extensions, [(e) => e.name]);
  for (const e of ext.added) changes.push({ kind: 'AddExtension', extension: e });
  for (const [a, b] of ext.pairs) if (a.schema !== b.schema || a.version !== b.version) changes.push({ kind: 'ModifyExtension', from: a, to: b });

  // Absent (a source that does not describe them, or a database that has none) counts as none;
  // model sources are scoped so that they never compare (cli/models.ts modelScope).
  const coll = pairLists(from.collations ?? [], to.collations ?? [], [qualifiedKey]);
  for (const c of coll.added) changes.push({ kind: 'AddCollation', collation: c });
  for (const [a, b] of coll.pairs) {
    const c = diffCollation(a, b);
    if (c) changes.push(c);
    // No grants on a collation: the grant target is never used.
    changes.push(...diffOwner({ kind: 'collation', schema: b.schema, name: b.name }, { kind: 'type', schema: b.schema, name: b.name }, a, b));
  }

  const en = pairLists(from.enums, to.enums, [qualifiedKey]);
  for (const e of en.added) changes.push({ kind: 'AddEnum', enum: e });
  for (const [a, b] of en.pairs) {
    const c = diffEnum(a, b);
    if (c) changes.push(c);
    changes.push(...diffTypeAccess('type', a, b));
  }

  const dom = pairLists(from.domains, to.domains, [qualifiedKey]);
  for (const d of dom.added) changes.push({ kind: 'AddDomain', domain: d });
  for (const [a, b] of dom.pairs) {
    const c = diffDomain(a, b);
    if (c) changes.push(c);
    changes.push(...diffTypeAccess('domain', a, b));
  }

  const comp = pairLists(from.composites ?? [], to.composites ?? [], [qualifiedKey]);
  for (const t of comp.added) changes.push({ kind: 'AddComposite', composite: t });
  for (const [a, b] of comp.pairs) {
    const c = diffComposite(a, b);
    if (c) changes.push(c);
    changes.push(...diffTypeAccess('type', a, b));
  }

  const rng = pairLists(from.ranges ?? [], to.ranges ?? [], [qualifiedKey]);
  for (const r of rng.added) changes.push({ kind: 'AddRange', range: r });
  for (const [a, b] of rng.pairs) {
    const definition = rangeDefinition(a) !== rangeDefinition(b);
    if (definition || a.comment !== b.comment) changes.push({ kind: 'ModifyRange', from: a, to: b, definition, commentChanged: a.comment !== b.comment });
    changes.push(...diffTypeAccess('type', a, b));
  }

  const seqFrom = from.sequences.filter((s) => !ownedByIdentity(s, from));
  const seqTo = to.sequences.filter((s) => !ownedByIdentity(s, to));
  const seq = pairLists(seqFrom, seqTo, [qualifiedKey]);
  for (const s of seq.added) changes.push({ kind: 'AddSequence', sequence: s });
  for (const [a, b] of seq.pairs) {
    const fields = diffSequence(a, b);
    if (fields.length > 0) changes.push({ kind: 'ModifySequence', from: a, to: b, fields });
  }

  // Tables, with renames taken out of the dropped/added lists first.
  const tables = pairLists(from.tables, to.tables, [qualifiedKey]);
  let droppedTables = [...tables.dropped];
  let addedTables = [...tables.added];
  const tablePairs: (readonly [Table, Table, number | null])[] = tables.pairs.map(([a, b]) => [a, b, null] as const);
  for (const known of options.knownRenames?.tables ?? []) {
    const a = droppedTables.find((t) => t.schema === known.from.schema && t.name === known.from.name);
    const b = addedTables.find((t) => t.schema === known.to.schema && t.name === known.to.name);
    if (!a || !b) continue;
    tablePairs.push([a, b, 1]);
    droppedTables = droppedTables.filter((t) => t !== a);
    addedTables = addedTables.filter((t) => t !== b);
  }
  if (detectRenames) {
    const excluded = (t: Table) => (options.notRenamed?.tables ?? []).some((n) => n.schema === t.schema && n.name === t.name);
    for (const r of detectTableRenames(droppedTables.filter((t) => !excluded(t)), addedTables)) {
      tablePairs.push([r.from, r.to, r.confidence]);
      droppedTables = droppedTables.filter((t) => t !== r.from);
      addedTables = addedTables.filter((t) => t !== r.to);
    }
  }
  for (const t of addedTables) changes.push({ kind: 'AddTable', table: t });
  for (const [a, b, confidence] of tablePairs) {
    if (confidence !== null) changes.push({ kind: 'RenameTable', from: a, to: b, confidence });
    const knownColumns = (options.knownRenames?.columns ?? []).filter((k) => k.table.schema === b.schema && k.table.name === b.name);
    const notRenamed = new Set((options.notRenamed?.columns ?? []).filter((c) => c.table.schema === b.schema && c.table.name === b.name).map((c) => c.name));
    changes.push(...diffInherits(a, b));
    const [ownA, ownB] = withoutParentsShare(a, b, from, to);
    changes.push(...diffTable(ownA, ownB, isEnum, detectRenames, knownColumns, notRenamed));
  }

  const views = pairLists(from.views, to.views, [qualifiedKey]);
  for (const v of views.added) changes.push({ kind: 'AddView', view: v });
  for (const [a, b] of views.pairs) changes.push(...diffView(a, b));
  changes.push(...diffRules(from.rules ?? [], to.rules ?? []));

  const routines = pairLists(from.routines, to.routines, [routineKey]);
  for (const r of routines.added) changes.push({ kind: 'AddRoutine', routine: r });
  for (const [a, b] of routines.pairs) {
    const fields = diffRoutine(a, b);
    if (fields.length > 0) changes.push({ kind: 'ModifyRoutine', from: a, to: b, fields });
    const target = { schema: b.schema, name: b.name, identityArguments: b.identityArguments };
    changes.push(...diffOwner({ kind: 'routine', routine: b.kind, ...target }, { kind: 'routine', ...target }, a, b), ...diffPrivileges({ kind: 'routine', ...target }, a, b));
  }
  for (const [a, b] of seq.pairs) {
    const target = { kind: 'sequence', schema: b.schema, name: b.name } as const;
    // A sequence owned by a column has its table's owner: ALTER TABLE … OWNER TO moves it (and
    // PostgreSQL refuses the sequence's own).
    if (!(a.ownedBy && b.ownedBy)) changes.push(...diffOwner(target, target, a, b));
    changes.push(...diffPrivileges(target, a, b));
  }

  if (from.defaultPrivileges && to.defaultPrivileges) changes.push(...diffDefaultPrivileges(from.defaultPrivileges, to.defaultPrivileges));

  // Drops last, dependants first: what uses a type or table goes before it.
  for (const r of routines.dropped) changes.push({ kind: 'DropRoutine', routine: r });
  for (const v of views.dropped) changes.push({ kind: 'DropView', view: v });
  for (const t of droppedTables) changes.push({ kind: 'DropTable', table: t });
  for (const s of seq.dropped) changes.push({ kind: 'DropSequence', sequence: s });
  for (const t of comp.dropped) changes.push({ kind: 'DropComposite', composite: t });
  for (const r of rng.dropped) changes.push({ kind: 'DropRange', range: r });
  for (const d of dom.dropped) changes.push({ kind: 'DropDomain', domain: d });
  for (const e of en.dropped) changes.push({ kind: 'DropEnum', enum: e });
  for (const c of coll.dropped) changes.push({ kind: 'DropCollation', collation: c });
  for (const e of ext.dropped) changes.push({ kind: 'DropExtension', extension: e });
  for (const n of ns.dropped) changes.push({ kind: 'DropNamespace', namespace: n });
  return changes;
}

/** Identity columns own a sequence PostgreSQL manages itself; the column's identity is what we compare. */
function ownedByIdentity(s: Sequence, schema: Schema): boolean {
  if (!s.ownedBy) return false;
  const owner = s.ownedBy;
  const table = schema.tables.find((t) => t.schema === owner.schema && t.name === owner.name);
  return table?.columns.some((c) => c.name === owner.column && c.identity !== null) ?? false;
}

function diffEnum(a: EnumType, b: EnumType): Change | null {
  const have = new Set(a.labels);
  const want = new Set(b.labels);
  const added = b.labels.flatMap((label, i) => (have.has(label) ? [] : [{ label, after: i === 0 ? null : b.labels[i - 1]! }]));
  const removed = a.labels.filter((l) => !want.has(l));
  const commonA = a.labels.filter((l) => want.has(l));
  const commonB = b.labels.filter((l) => have.has(l));
  const reordered = !sameList(commonA, commonB);
  const commentChanged = a.comment !== b.comment;
  if (added.length === 0 && removed.length === 0 && !reordered && !commentChanged) return null;
  return { kind: 'ModifyEnum', from: a, to: b, added, removed, reordered, commentChanged };
}

function diffCollation(a: Collation, b: Collation): Change | null {
  const shape = (c: Collation) => JSON.stringify([c.provider, c.locale, c.lcCollate, c.lcCtype, c.deterministic, c.rules ?? null]);
  const definition = shape(a) !== shape(b);
  const commentChanged = a.comment !== b.comment;
  return definition || commentChanged ? { kind: 'ModifyCollation', from: a, to: b, definition, commentChanged } : null;
}

function diffComposite(a: CompositeType, b: CompositeType): Change | null {
  const ctx = { schema: b.schema };
  const p = pairLists(a.attributes, b.attributes, [(x) => x.name]);
  const altered = p.pairs
    .filter(([x, y]) => normalizeType(x.type, ctx) !== normalizeType(y.type, ctx) || (x.collation ?? null) !== (y.collation ?? null))
    .map(([x, y]) => ({ from: x, to: y }));
  const commented = [...p.pairs.filter(([x, y]) => x.comment !== y.comment).map(([, y]) => y), ...p.added.filter((y) => y.comment !== null)];
  const commentChanged = a.comment !== b.comment;
  if (p.added.length === 0 && p.dropped.length === 0 && altered.length === 0 && commented.length === 0 && !commentChanged) return null;
  return { kind: 'ModifyComposite', from: a, to: b, added: p.added, dropped: p.dropped, altered, commented, commentChanged };
}

function diffDomain(a: Domain, b: Domain): Change | null {
  const ctx = { schema: b.schema };
  const checkKeys = (d: Domain) => d.checks.map((c) => `${normalizeExpression(c.expression, ctx) ?? ''}${c.validated === false ? ' NOT VALID' : ''}`).sort();
  const changes = {
    baseType: normalizeType(a.baseType, ctx) !== normalizeType(b.baseType, ctx),
    notNull: a.notNull !== b.notNull,
    default: !sameExpression(a.default, b.default, ctx),
    collation: a.collation !== b.collation,
    checks: !sameList(checkKeys(a), checkKeys(b)),
    comment: a.comment !== b.comment,
  };
  return Object.values(changes).some(Boolean) ? { kind: 'ModifyDomain', from: a, to: b, changes } : null;
}

function diffSequence(a: Sequence, b: Sequence): SequenceField[] {
  const fields: SequenceField[] = [];
  if (normalizeType(a.type) !== normalizeType(b.type)) fields.push('type');
  for (const f of ['start', 'increment', 'min', 'max', 'cache', 'cycle', 'comment'] as const) if (a[f] !== b[f]) fields.push(f);
  const owner = (s: Sequence) => (s.ownedBy ? `${s.ownedBy.schema}.${s.ownedBy.name}.${s.ownedBy.column}` : '');
  if (owner(a) !== owner(b)) fields.push('ownedBy');
  return fields;
}

function routineKey(r: Routine): string {
  return `${r.schema}.${r.name}(${r.identityArguments})`;
}

function diffRoutine(a: Routine, b: Routine): RoutineField[] {
  const fields: RoutineField[] = [];
  if (a.kind !== b.kind) fields.push('kind');
  if (a.arguments !== b.arguments) fields.push('arguments');
  if ((a.returns ?? '') !== (b.returns ?? '')) fields.push('returns');
  if (a.language !== b.language) fields.push('language');
  // A SQL-standard body (RETURN ..., BEGIN ATOMIC) leaves prosrc empty: it shows in the definition only.
  const sqlStandard = a.body.trim() === '' && b.body.trim() === '' && a.definition !== null && b.definition !== null;
  if (a.body.trim() !== b.body.trim() || (sqlStandard && a.definition !== b.definition)) fields.push('body');
  for (const f of ['volatility', 'securityDefiner', 'strict', 'comment'] as const) if (a[f] !== b[f]) fields.push(f);
  return fields;
}

function diffView(a: View, b: View): Change[] {
  const ctx = { schema: b.schema };
  const cols = (v: View) => v.columns.map((c) => `${c.name}:${normalizeType(c.type, ctx)}`);
  const changes = {
    definition: normalizeExpression(a.definition.replace(/;\s*$/, ''), ctx) !== normalizeExpression(b.definition.replace(/;\s*$/, ''), ctx),
    materialized: a.materialized !== b.materialized,
    columns: !sameList(cols(a), cols(b)),
    comment: a.comment !== b.comment,
    options: !sameList(a.options ?? [], b.options ?? []),
    columnComments: !sameList(a.columns.map((c) => `${c.name}:${c.comment ?? ''}`), b.columns.map((c) => `${c.name}:${c.comment ?? ''}`)),
  };
  const out: Change[] = [];
  if (Object.values(changes).some(Boolean)) out.push({ kind: 'ModifyView', from: a, to: b, changes });
  const table = { schema: b.schema, name: b.name };
  out.push(...diffIndexes(table, a.indexes, b.indexes));
  out.push(...diffTriggers(table, a.triggers ?? [], b.triggers ?? []));
  out.push(...diffOwner({ kind: b.materialized ? 'materialized view' : 'view', schema: b.schema, name: b.name }, { kind: 'view', schema: b.schema, name: b.name }, a, b));
  out.push(...diffPrivileges({ kind: 'view', schema: b.schema, name: b.name }, a, b));
  return out;
}

/** Triggers of a table, or of a view (then `table` names the view). */
function diffTriggers(table: QualifiedName, a: readonly Trigger[], b: readonly Trigger[]): Change[] {
  const ctx = { schema: table.schema };
  const trig = pairLists(a, b, [(t) => t.name]);
  const trigKey = (t: Trigger) =>
    [t.timing, [...t.events].sort().join(','), t.updateColumns.join(','), t.level, `${t.function.schema}.${t.function.name}`, normalizeExpression(t.when, ctx) ?? '', t.enabled, t.comment ?? ''].join('|');
  const out: Change[] = [];
  for (const trigger of trig.added) out.push({ kind: 'AddTrigger', table, trigger });
  for (const [x, y] of trig.pairs) if (trigKey(x) !== trigKey(y)) out.push({ kind: 'ModifyTrigger', table, from: x, to: y });
  for (const trigger of trig.dropped) out.push({ kind: 'DropTrigger', table, trigger });
  return out;
}

function grantKey(g: Grant): string {
  return `${g.grantee}:${g.privilege}:${g.grantable}`;
}

function diffDefaultPrivileges(a: readonly DefaultPrivileges[], b: readonly DefaultPrivileges[]): Change[] {
  const entryKey = (d: DefaultPrivileges) => `${d.role}\u0000${d.schema ?? ''}\u0000${d.objects}`;
  const none = (d: DefaultPrivileges): DefaultPrivileges => ({ ...d, grants: [], revoked: [] });
  const p = pairLists(a, b, [entryKey]);
  const same = (x: readonly Grant[], y: readonly Grant[]) => sameList(x.map(grantKey), y.map(grantKey));
  return [
    ...p.pairs.filter(([x, y]) => !same(x.grants, y.grants) || !same(x.revoked, y.revoked)),
    ...p.added.map((y) => [none(y), y] as const),
    ...p.dropped.map((x) => [x, none(x)] as const),
  ].map(([x, y]): Change => ({ kind: 'ModifyDefaultPrivileges', from: x, to: y }));
}

/** What carries privileges: grants are compared only where both sides describe them. */
interface Privileged {
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  readonly owner?: string;
}

/** Owners are compared only where both sides describe them (two databases read, not models or migrations). */
function diffOwner(target: OwnerTarget, grantTarget: GrantTarget, a: Privileged, b: Privileged): Change[] {
  if (a.owner === undefined || b.owner === undefined || a.owner === b.owner) return [];
  const absorbed = (a.grants ?? []).filter((g) => g.grantee === b.owner);
  return [{ kind: 'ModifyOwner', target, from: a.owner, to: b.owner, ...(absorbed.length > 0 ? { absorbed: { target: grantTarget, grants: absorbed } } : {}) }];
}

function rangeDefinition(r: RangeType): string {
  return [r.subtype, r.subtypeOpclass ?? '', r.collation ?? '', r.canonical ?? '', r.subtypeDiff ?? '', r.multirange ?? ''].join('\u0000');
}

/** An enum's, composite's, range's or domain's owner and USAGE. */
function diffTypeAccess(kind: 'type' | 'domain', a: EnumType | CompositeType | RangeType | Domain, b: EnumType | CompositeType | RangeType | Domain): Change[] {
  const target = { kind, schema: b.schema, name: b.name } as const;
  return [...diffOwner(target, target, a, b), ...diffPrivileges(target, a, b)];
}

/**
 * Grants to other roles, and what the owner revoked from itself: a privilege the owner gave up
 * is a DropGrant to the owner (REVOKE … FROM owner), one it has back an AddGrant. The owner is
 * named as it is when the plan's grants run: `to`'s where the owner changes first (diffOwner),
 * else `from`'s, whose object it still is.
 */
function diffPrivileges(target: GrantTarget, a: Privileged, b: Privileged): Change[] {
  if (!a.grants || !b.grants) return [];
  // ALTER … OWNER TO merges what the new owner was granted into its own entry: those grants are
  // the owner's privileges once the owner has changed, not grants to take back.
  const newOwner = a.owner !== undefined && b.owner !== undefined && a.owner !== b.owner ? b.owner : undefined;
  const absorbed = new Set(a.grants.filter((g) => g.grantee === newOwner).map((g) => g.privilege));
  const p = pairLists(a.grants.filter((g) => g.grantee !== newOwner), b.grants, [grantKey]);
  const out: Change[] = [
    ...p.dropped.map((grant): Change => ({ kind: 'DropGrant', target, grant })),
    ...p.added.map((grant): Change => ({ kind: 'AddGrant', target, grant })),
  ];
  if (a.ownerRevoked || b.ownerRevoked) {
    const owner = a.owner !== undefined && b.owner !== undefined ? b.owner : (a.ownerRevoked ?? b.ownerRevoked)!.owner;
    const was = new Set((a.ownerRevoked?.privileges ?? []).filter((x) => !absorbed.has(x)));
    const now = new Set(b.ownerRevoked?.privileges ?? []);
    for (const privilege of now) if (!was.has(privilege)) out.push({ kind: 'DropGrant', target, grant: { grantee: owner, privilege, grantable: false }, owner: true });
    for (const privilege of was) if (!now.has(privilege)) out.push({ kind: 'AddGrant', target, grant: { grantee: owner, privilege, grantable: false }, owner: true });
  }
  return out;
}

function indexSignature(ix: Index, ctx: { schema: string }): string {
  const keys = ix.keys.map((k) => [k.column ?? normalizeExpression(k.expression, ctx), k.descending, k.nullsFirst, k.opclass, k.collation].join(' '));
  return [ix.unique, ix.method, keys.join(','), ix.include.join(','), normalizeExpression(ix.predicate, ctx) ?? '', ix.nullsNotDistinct].join('|');
}

function diffIndexes(table: QualifiedName, a: readonly Index[], b: readonly Index[]): Change[] {
  const ctx = { schema: table.schema };
  const p = pairLists(a, b, [(i) => i.name, (i) => indexSignature(i, ctx)]);
  const out: Change[] = [];
  for (const index of p.added) out.push({ kind: 'AddIndex', table, index });
  for (const [x, y] of p.pairs) {
    if (x.name === y.name && indexSignature(x, ctx) === indexSignature(y, ctx) && x.valid === y.valid && x.comment === y.comment) continue;
    if (x.name !== y.name && x.valid === y.valid) continue; // same definition under another name: not drift
    out.push({ kind: 'ModifyIndex', table, from: x, to: y });
  }
  for (const index of p.dropped) out.push({ kind: 'DropIndex', table, index });
  return out;
}

function diffColumn(a: Column, b: Column, ctx: { schema: string }): ColumnChanges | null {
  const changes: ColumnChanges = {
    type: normalizeType(a.type, ctx) !== normalizeType(b.type, ctx),
    nullability: a.notNull !== b.notNull,
    default: !sameExpression(a.default, b.default, ctx),
    identity: a.identity !== b.identity,
    identityOptions: a.identity !== null && b.identity !== null && !!a.identityOptions && !!b.identityOptions && JSON.stringify(a.identityOptions) !== JSON.stringify(b.identityOptions),
    generated: !sameExpression(a.generated, b.generated, ctx),
    collation: (a.collation ?? null) !== (b.collation ?? null),
    comment: a.comment !== b.comment,
  };
  return Object.values(changes).some(Boolean) ? changes : null;
}

/** Everything that differs inside a table pair; `table` names `b` (the result of any rename). */
function diffTable(
  a: Table,
  b: Table,
  isEnum: (type: string) => boolean,
  detectRenames: boolean,
  knownColumns: readonly { readonly from: string; readonly to: string }[],
  notRenamed: ReadonlySet<string>,
): Change[] {
  const table: QualifiedName = { schema: b.schema, name: b.name };
  const ctx = { schema: b.schema };
  const out: Change[] = [];

  const tableChanges: TableChanges = {
    kind: a.kind !== b.kind,
    unlogged: a.unlogged !== b.unlogged,
    partitionBy: (a.partitionBy ?? '') !== (b.partitionBy ?? ''),
    partitionOf: JSON.stringify(a.partitionOf) !== JSON.stringify(b.partitionOf),
    rowSecurity: a.rowSecurity.enabled !== b.rowSecurity.enabled || a.rowSecurity.forced !== b.rowSecurity.forced,
    comment: a.comment !== b.comment,
    options: a.options !== undefined && b.options !== undefined && !sameList(a.options, b.options),
    replicaIdentity: a.replicaIdentity !== undefined && b.replicaIdentity !== undefined && JSON.stringify(a.replicaIdentity) !== JSON.stringify(b.replicaIdentity),
  };
  if (Object.values(tableChanges).some(Boolean)) out.push({ kind: 'ModifyTable', table, from: a, to: b, changes: tableChanges });

  const cols = pairLists(a.columns, b.columns, [(c) => c.name]);
  let dropped = [...cols.dropped];
  let added = [...cols.added];
  const pairs: (readonly [Column, Column])[] = [...cols.pairs];
  const renamed = new Map<string, string>(); // old name → new name, to compare constraints across a rename
  for (const known of knownColumns) {
    const x = dropped.find((c) => c.name === known.from);
    const y = added.find((c) => c.name === known.to);
    if (!x || !y) continue;
    out.push({ kind: 'RenameColumn', table, from: x, to: y, confidence: 1 });
    pairs.push([x, y]);
    renamed.set(x.name, y.name);
    dropped = dropped.filter((c) => c !== x);
    added = added.filter((c) => c !== y);
  }
  if (detectRenames) {
    for (const r of detectColumnRenames(dropped.filter((c) => !notRenamed.has(c.name)), added, isEnum, b.schema)) {
      out.push({ kind: 'RenameColumn', table, from: r.from, to: r.to, confidence: r.confidence });
      pairs.push([r.from, r.to]);
      renamed.set(r.from.name, r.to.name);
      dropped = dropped.filter((c) => c !== r.from);
      added = added.filter((c) => c !== r.to);
    }
  }
  for (const column of added) out.push({ kind: 'AddColumn', table, column });
  for (const [x, y] of pairs) {
    const changes = diffColumn(x, y, ctx);
    if (changes) out.push({ kind: 'ModifyColumn', table, from: x, to: y, changes });
    out.push(...diffPrivileges({ kind: 'column', schema: b.schema, name: b.name, column: y.name }, x, y));
  }
  const colName = (n: string) => renamed.get(n) ?? n;
  const colList = (names: readonly string[]) => names.map(colName).join(',');

  // Primary key
  const pkDeferral = (pk: PrimaryKey) => `${pk.deferrable === true}/${pk.initiallyDeferred === true}`;
  if (a.primaryKey && !b.primaryKey) out.push({ kind: 'DropPrimaryKey', table, primaryKey: a.primaryKey });
  else if (!a.primaryKey && b.primaryKey) out.push({ kind: 'AddPrimaryKey', table, primaryKey: b.primaryKey });
  else if (a.primaryKey && b.primaryKey && (colList(a.primaryKey.columns) !== b.primaryKey.columns.join(',') || pkDeferral(a.primaryKey) !== pkDeferral(b.primaryKey))) {
    out.push({ kind: 'ModifyPrimaryKey', table, from: a.primaryKey, to: b.primaryKey });
  }

  const deferral = (d: { deferrable: boolean; initiallyDeferred: boolean }) => `${d.deferrable}/${d.initiallyDeferred}`;

  const uq = pairLists(a.uniques, b.uniques, [(u) => u.name, (u) => colList(u.columns)]);
  for (const unique of uq.added) out.push({ kind: 'AddUnique', table, unique });
  for (const [x, y] of uq.pairs) {
    if (colList(x.columns) !== y.columns.join(',') || x.nullsNotDistinct !== y.nullsNotDistinct || deferral(x) !== deferral(y)) {
      out.push({ kind: 'ModifyUnique', table, from: x, to: y });
    }
  }
  for (const unique of uq.dropped) out.push({ kind: 'DropUnique', table, unique });

  const checkExpr = (e: string) => normalizeExpression(e, ctx) ?? '';
  const ck = pairLists(a.checks, b.checks, [(c) => c.name, (c) => checkExpr(c.expression)]);
  for (const check of ck.added) out.push({ kind: 'AddCheck', table, check });
  for (const [x, y] of ck.pairs) {
    if (checkExpr(x.expression) !== checkExpr(y.expression) || x.validated !== y.validated || x.noInherit !== y.noInherit) {
      out.push({ kind: 'ModifyCheck', table, from: x, to: y });
    }
  }
  for (const check of ck.dropped) out.push({ kind: 'DropCheck', table, check });

  const exDef = (d: string) => normalizeExpression(d, ctx) ?? '';
  const ex = pairLists(a.exclusions, b.exclusions, [(e) => e.name, (e) => exDef(e.definition)]);
  for (const exclusion of ex.added) out.push({ kind: 'AddExclusion', table, exclusion });
  for (const [x, y] of ex.pairs) {
    if (exDef(x.definition) !== exDef(y.definition) || deferral(x) !== deferral(y)) out.push({ kind: 'ModifyExclusion', table, from: x, to: y });
  }
  for (const exclusion of ex.dropped) out.push({ kind: 'DropExclusion', table, exclusion });

  const fkShape = (f: Table['foreignKeys'][number], own: (n: string) => string) =>
    `${f.columns.map(own).join(',')}>${f.references.schema}.${f.references.name}(${f.references.columns.join(',')})`;
  const fkFrom = (f: Table['foreignKeys'][number]) => fkShape(f, colName);
  const fkTo = (f: Table['foreignKeys'][number]) => fkShape(f, (n) => n);
  const fkFull = (f: Table['foreignKeys'][number]) => `${f.onUpdate}/${f.onDelete}/${f.match}/${deferral(f)}/${f.validated}`;
  const fk = pairLists<Table['foreignKeys'][number]>(a.foreignKeys, b.foreignKeys, [(f) => `name:${f.name}`, (f) => (a.foreignKeys.includes(f) ? fkFrom(f) : fkTo(f))]);
  for (const foreignKey of fk.added) out.push({ kind: 'AddForeignKey', table, foreignKey });
  for (const [x, y] of fk.pairs) {
    if (fkFrom(x) !== fkTo(y) || fkFull(x) !== fkFull(y)) out.push({ kind: 'ModifyForeignKey', table, from: x, to: y });
  }
  for (const foreignKey of fk.dropped) out.push({ kind: 'DropForeignKey', table, foreignKey });

  out.push(...diffIndexes(table, a.indexes, b.indexes));

  out.push(...diffTriggers(table, a.triggers, b.triggers));

  const pol = pairLists(a.policies, b.policies, [(p) => p.name]);
  const polKey = (p: Table['policies'][number]) =>
    [p.command, p.permissive, [...p.roles].sort().join(','), normalizeExpression(p.using, ctx) ?? '', normalizeExpression(p.withCheck, ctx) ?? ''].join('|');
  for (const policy of pol.added) out.push({ kind: 'AddPolicy', table, policy });
  for (const [x, y] of pol.pairs) if (polKey(x) !== polKey(y)) out.push({ kind: 'ModifyPolicy', table, from: x, to: y });
  for (const policy of pol.dropped) out.push({ kind: 'DropPolicy', table, policy });

  out.push(...diffOwner({ kind: 'table', schema: b.schema, name: b.name }, { kind: 'table', schema: b.schema, name: b.name }, a, b));
  out.push(...diffPrivileges({ kind: 'table', schema: b.schema, name: b.name }, a, b));

  for (const column of dropped) out.push({ kind: 'DropColumn', table, column });
  return out;
}
