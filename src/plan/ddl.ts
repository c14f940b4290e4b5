// SQL text for IR objects. Every identifier goes through schema/quote.ts; types and
// expressions are already SQL as PostgreSQL prints them (see schema/types.ts).
import { quoteIdent, quoteLiteral, quoteQualified } from '../schema/quote.js';
import type {
  IdentityOptions,
  CheckConstraint, Collation, OwnerRevoked, Column, CompositeAttribute, CompositeType, Domain, EnumType, ExclusionConstraint, ForeignKey, Grant, Index, IndexKey, Policy,
  PrimaryKey, QualifiedName, RangeType, ReplicaIdentity, Routine, Sequence, Table, Trigger, UniqueConstraint, View,
} from '../schema/types.js';
import type { GrantTarget, OwnerTarget } from '../diff/changes.js';
import { inheritsClause, isOwn } from './inherits.js';
import { partitionElements } from './partitions.js';

export const q = (o: QualifiedName): string => quoteQualified(o.schema, o.name);
export const cols = (names: readonly string[]): string => names.map(quoteIdent).join(', ');
const lit = (s: string | null): string => (s === null ? 'NULL' : quoteLiteral(s));

/**
 * A collation as the IR spells it (`public."numeric"`, `"C"`, as the catalog prints it) split
 * into its unquoted parts; schema null for a built-in one printed bare.
 */
export function collationName(spelling: string): { schema: string | null; name: string } {
  const parts: string[] = [];
  let i = 0;
  while (i < spelling.length) {
    if (spelling[i] === '"') {
      let j = i + 1;
      let part = '';
      for (;;) {
        const next = spelling.indexOf('"', j);
        if (next < 0) return { schema: null, name: spelling };
        if (spelling[next + 1] === '"') {
          part += `${spelling.slice(j, next)}"`;
          j = next + 2;
          continue;
        }
        part += spelling.slice(j, next);
        i = next + 1;
        break;
      }
      parts.push(part);
    } else {
      const dot = spelling.indexOf('.', i);
      const end = dot < 0 ? spelling.length : dot;
      parts.push(spelling.slice(i, end));
      i = end;
    }
    if (spelling[i] === '.') i += 1;
  }
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  return { schema: null, name: parts[0] ?? spelling };
}

/** ` COLLATE "schema"."name"`, every part quoted. */
export function collateClause(spelling: string | null | undefined): string {
  if (!spelling) return '';
  const c = collationName(spelling);
  return ` COLLATE ${c.schema === null ? quoteIdent(c.name) : quoteQualified(c.schema, c.name)}`;
}

export function createCollation(c: Collation, name: QualifiedName = c): string[] {
  const options = [`provider = ${c.provider}`];
  if (c.provider === 'libc') options.push(`lc_collate = ${lit(c.lcCollate ?? '')}`, `lc_ctype = ${lit(c.lcCtype ?? '')}`);
  else options.push(`locale = ${lit(c.locale ?? '')}`);
  if (c.rules !== undefined) options.push(`rules = ${lit(c.rules)}`);
  options.push(`deterministic = ${c.deterministic}`);
  const out = [`CREATE COLLATION ${q(name)} (${options.join(', ')})`];
  if (c.comment !== null) out.push(commentOn('COLLATION', q(name), c.comment));
  out.push(...ownerTo({ kind: 'collation', schema: name.schema, name: name.name }, c.owner));
  return out;
}

export function compositeAttribute(a: CompositeAttribute): string {
  return `${quoteIdent(a.name)} ${a.type}${collateClause(a.collation)}`;
}

export function createComposite(t: CompositeType): string[] {
  const out = [`CREATE TYPE ${q(t)} AS (${t.attributes.map(compositeAttribute).join(', ')})`];
  if (t.comment !== null) out.push(commentOn('TYPE', q(t), t.comment));
  for (const a of t.attributes) if (a.comment !== null) out.push(commentOn('COLUMN', `${q(t)}.${quoteIdent(a.name)}`, a.comment));
  out.push(...typeTail('type', t));
  return out;
}

export function createRange(r: RangeType): string[] {
  const options = [`SUBTYPE = ${r.subtype}`];
  if (r.subtypeOpclass) options.push(`SUBTYPE_OPCLASS = ${r.subtypeOpclass}`);
  if (r.collation) options.push(`COLLATION = ${r.collation}`);
  if (r.canonical) options.push(`CANONICAL = ${r.canonical}`);
  if (r.subtypeDiff) options.push(`SUBTYPE_DIFF = ${r.subtypeDiff}`);
  if (r.multirange) options.push(`MULTIRANGE_TYPE_NAME = ${quoteQualified(r.schema, r.multirange)}`);
  const out = [`CREATE TYPE ${q(r)} AS RANGE (${options.join(', ')})`];
  if (r.comment !== null) out.push(commentOn('TYPE', q(r), r.comment));
  out.push(...typeTail('type', r));
  return out;
}

export function columnDefinition(c: Column): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation) parts.push(collateClause(c.collation).trimStart());
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull) parts.push('NOT NULL');
  if (c.identity) {
    const options = c.identityOptions ? identityOptionList(c.type, c.identityOptions, true) : [];
    parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options.length ? ` (${options.join(' ')})` : ''}`);
  }
  return parts.join(' ');
}

const TYPE_RANGE: Record<string, readonly [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * An identity's sequence options as CREATE TABLE / ALTER COLUMN take them. `onlyChanged`
 * leaves out those at PostgreSQL's default for the column type (so plain identities print as before).
 */
export function identityOptionList(type: string, o: IdentityOptions, onlyChanged: boolean): string[] {
  const [lo, hi] = TYPE_RANGE[type] ?? ['', ''];
  const up = !o.increment.startsWith('-');
  const defMin = up ? '1' : lo;
  const defMax = up ? hi : '-1';
  const all: [string, boolean][] = [
    [`INCREMENT BY ${o.increment}`, o.increment === '1'],
    [`MINVALUE ${o.min}`, o.min === defMin],
    [`MAXVALUE ${o.max}`, o.max === defMax],
    [`START WITH ${o.start}`, o.start === (up ? o.min : o.max)],
    [`CACHE ${o.cache}`, o.cache === '1'],
    [o.cycle ? 'CYCLE' : 'NO CYCLE', !o.cycle],
  ];
  return all.filter(([, isDefault]) => !onlyChanged || !isDefault).map(([text]) => text);
}

function deferral(d: { deferrable: boolean; initiallyDeferred: boolean }): string {
  if (!d.deferrable) return '';
  return d.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

export function primaryKeyClause(pk: PrimaryKey): string {
  return `CONSTRAINT ${quoteIdent(pk.name)} PRIMARY KEY (${cols(pk.columns)})${deferral({ deferrable: pk.deferrable === true, initiallyDeferred: pk.initiallyDeferred === true })}`;
}

export function uniqueClause(u: UniqueConstraint): string {
  return `CONSTRAINT ${quoteIdent(u.name)} UNIQUE${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} (${cols(u.columns)})${deferral(u)}`;
}

export function checkClause(c: CheckConstraint, notValid = !c.validated): string {
  return `CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})${c.noInherit ? ' NO INHERIT' : ''}${notValid ? ' NOT VALID' : ''}`;
}

export function exclusionClause(e: ExclusionConstraint): string {
  return `CONSTRAINT ${quoteIdent(e.name)} ${e.definition}${deferral(e)}`;
}

export function foreignKeyClause(f: ForeignKey, notValid = !f.validated): string {
  const match = f.match === 'SIMPLE' ? '' : ` MATCH ${f.match}`;
  const upd = f.onUpdate === 'NO ACTION' ? '' : ` ON UPDATE ${f.onUpdate}`;
  const del = f.onDelete === 'NO ACTION' ? '' : ` ON DELETE ${f.onDelete}`;
  return `CONSTRAINT ${quoteIdent(f.name)} FOREIGN KEY (${cols(f.columns)}) REFERENCES ${q(f.references)} (${cols(f.references.columns)})${match}${upd}${del}${deferral(f)}${notValid ? ' NOT VALID' : ''}`;
}

function indexKey(k: IndexKey): string {
  let s = k.column !== null ? quoteIdent(k.column) : `(${k.expression})`;
  if (k.collation) s += collateClause(k.collation);
  if (k.opclass) s += ` ${k.opclass}`;
  if (k.descending) s += ' DESC';
  if (k.nullsFirst && !k.descending) s += ' NULLS FIRST';
  if (!k.nullsFirst && k.descending) s += ' NULLS LAST';
  return s;
}

export function createIndex(table: QualifiedName, ix: Index, concurrently: boolean): string {
  const include = ix.include.length ? ` INCLUDE (${cols(ix.include)})` : '';
  const nnd = ix.nullsNotDistinct ? ' NULLS NOT DISTINCT' : '';
  const where = ix.predicate ? ` WHERE ${ix.predicate}` : '';
  return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX${concurrently ? ' CONCURRENTLY' : ''} ${quoteIdent(ix.name)} ON ${q(table)} USING ${ix.method} (${ix.keys.map(indexKey).join(', ')})${include}${nnd}${where}`;
}

export function dropIndex(table: QualifiedName, ix: Index, concurrently: boolean): string {
  return `DROP INDEX${concurrently ? ' CONCURRENTLY' : ''} IF EXISTS ${quoteQualified(table.schema, ix.name)}`;
}

export function commentOn(what: string, target: string, comment: string | null): string {
  return `COMMENT ON ${what} ${target} IS ${lit(comment)}`;
}

/** CREATE TABLE without foreign keys (added once every table exists). */
/** `parent`: a partition's partitioned parent, so that only what the partition adds is declared. */
export function createTable(t: Table, parent?: Table): string {
  if (t.partitionOf) {
    return `CREATE${t.unlogged ? ' UNLOGGED' : ''} TABLE ${q(t)} PARTITION OF ${q(t.partitionOf)}${partitionElements(t, parent)} ${t.partitionOf.bound}`;
  }
  // An inheritance child declares only its own columns and checks: the rest come from INHERITS.
  const elements = [
    ...t.columns.filter(isOwn).map(columnDefinition),
    ...(t.primaryKey ? [primaryKeyClause(t.primaryKey)] : []),
    ...t.uniques.map(uniqueClause),
    ...t.checks.filter((c) => c.validated && isOwn(c)).map((c) => checkClause(c)),
    ...t.exclusions.map(exclusionClause),
  ];
  const body = elements.length ? `(\n  ${elements.join(',\n  ')}\n)` : '()';
  return `CREATE${t.unlogged ? ' UNLOGGED' : ''} TABLE ${q(t)} ${body}${inheritsClause(t)}${t.partitionBy ? ` PARTITION BY ${t.partitionBy}` : ''}`;
}

export function tableDetails(t: Table): string[] {
  // A check created with the table is always valid: one meant to stay NOT VALID is added after.
  const out: string[] = t.checks.filter((c) => !c.validated && isOwn(c)).map((c) => `ALTER TABLE ${q(t)} ADD ${checkClause(c)}`);
  out.push(...storageOptions('TABLE', q(t), [], t.options ?? []));
  if (t.comment !== null) out.push(commentOn('TABLE', q(t), t.comment));
  for (const c of t.columns) if (c.comment !== null) out.push(commentOn('COLUMN', `${q(t)}.${quoteIdent(c.name)}`, c.comment));
  return out;
}

export function tableTail(t: Table): string[] {
  const out: string[] = ownerTo({ kind: 'table', schema: t.schema, name: t.name }, t.owner);
  for (const ix of t.indexes) {
    out.push(createIndex(t, ix, false));
    if (ix.comment !== null) out.push(commentOn('INDEX', quoteQualified(t.schema, ix.name), ix.comment));
  }
  if (t.replicaIdentity && t.replicaIdentity.kind !== 'default') out.push(replicaIdentity(t, t.replicaIdentity));
  out.push(...rowSecurity(t, { enabled: false, forced: false }));
  for (const p of t.policies) out.push(createPolicy(t, p));
  for (const tr of t.triggers) out.push(...createTrigger(t, tr));
  for (const g of t.grants) out.push(grant({ kind: 'table', schema: t.schema, name: t.name }, g));
  out.push(...ownerRevokes({ kind: 'table', schema: t.schema, name: t.name }, t.ownerRevoked));
  for (const c of t.columns) for (const g of c.grants) out.push(grant({ kind: 'column', schema: t.schema, name: t.name, column: c.name }, g));
  return out;
}

/** `key=value` as pg_class.reloptions holds it; the value is everything after the first `=`. */
function splitOption(o: string): [string, string] {
  const at = o.indexOf('=');
  return at < 0 ? [o, ''] : [o.slice(0, at), o.slice(at + 1)];
}

/** SET the options `to` adds or changes, RESET those it no longer has (`what`: TABLE, VIEW, MATERIALIZED VIEW). */
export function storageOptions(what: string, target: string, from: readonly string[], to: readonly string[]): string[] {
  const was = new Map(from.map(splitOption));
  const now = new Map(to.map(splitOption));
  const set = [...now].filter(([k, v]) => was.get(k) !== v).map(([k, v]) => `${quoteIdent(k)} = ${lit(v)}`);
  const reset = [...was.keys()].filter((k) => !now.has(k)).map(quoteIdent);
  const out: string[] = [];
  if (reset.length > 0) out.push(`ALTER ${what} ${target} RESET (${reset.join(', ')})`);
  if (set.length > 0) out.push(`ALTER ${what} ${target} SET (${set.join(', ')})`);
  return out;
}

export function replicaIdentity(t: QualifiedName, r: ReplicaIdentity): string {
  const how = r.kind === 'index' ? `USING INDEX ${quoteIdent(r.index)}` : r.kind.toUpperCase();
  return `ALTER TABLE ${q(t)} REPLICA IDENTITY ${how}`;
}

export function rowSecurity(t: Table, was: Table['rowSecurity']): string[] {
  const out: string[] = [];
  if (t.rowSecurity.enabled !== was.enabled) out.push(`ALTER TABLE ${q(t)} ${t.rowSecurity.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`);
  if (t.rowSecurity.forced !== was.forced) out.push(`ALTER TABLE ${q(t)} ${t.rowSecurity.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`);
  return out;
}

const role = (r: string): string => (r.toUpperCase() === 'PUBLIC' ? 'PUBLIC' : quoteIdent(r));

export function createPolicy(table: QualifiedName, p: Policy): string {
  const roles = p.roles.length ? ` TO ${p.roles.map(role).join(', ')}` : '';
  const using = p.using !== null ? ` USING (${p.using})` : '';
  const check = p.withCheck !== null ? ` WITH CHECK (${p.withCheck})` : '';
  return `CREATE POLICY ${quoteIdent(p.name)} ON ${q(table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command}${roles}${using}${check}`;
}

export function dropPolicy(table: QualifiedName, p: Policy): string {
  return `DROP POLICY ${quoteIdent(p.name)} ON ${q(table)}`;
}

export function createTrigger(table: QualifiedName, t: Trigger): string[] {
  const out = [t.definition.replace(/;\s*$/, '')];
  if (t.enabled !== 'O') {
    const mode = t.enabled === 'D' ? 'DISABLE' : t.enabled === 'R' ? 'ENABLE REPLICA' : 'ENABLE ALWAYS';
    out.push(`ALTER TABLE ${q(table)} ${mode} TRIGGER ${quoteIdent(t.name)}`);
  }
  if (t.comment !== null) out.push(commentOn('TRIGGER', `${quoteIdent(t.name)} ON ${q(table)}`, t.comment));
  return out;
}

export function dropTrigger(table: QualifiedName, t: Trigger): string {
  return `DROP TRIGGER ${quoteIdent(t.name)} ON ${q(table)}`;
}

function grantObject(target: GrantTarget): string {
  switch (target.kind) {
    case 'type':
      return `TYPE ${quoteQualified(target.schema, target.name)}`;
    case 'domain':
      return `DOMAIN ${quoteQualified(target.schema, target.name)}`;
    case 'table':
    case 'view':
    case 'column':
      return `TABLE ${quoteQualified(target.schema, target.name)}`;
    case 'sequence':
      return `SEQUENCE ${quoteQualified(target.schema, target.name)}`;
    case 'schema':
      return `SCHEMA ${quoteIdent(target.name)}`;
    case 'routine':
      return `ROUTINE ${quoteQualified(target.schema, target.name)}(${target.identityArguments})`;
  }
}

export function grant(target: GrantTarget, g: Grant): string {
  const colPart = target.kind === 'column' ? ` (${quoteIdent(target.column)})` : '';
  return `GRANT ${g.privilege}${colPart} ON ${grantObject(target)} TO ${role(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`;
}

/** What a new object's owner gives up of its default privileges (it is created holding them all). */
export function ownerRevokes(target: GrantTarget, o: OwnerRevoked | undefined): string[] {
  return (o?.privileges ?? []).map((privilege) => revoke(target, { grantee: o!.owner, privilege, grantable: false }));
}

const OWNER_WORD: Record<Exclude<OwnerTarget['kind'], 'routine'>, string> = {
  schema: 'SCHEMA', table: 'TABLE', view: 'VIEW', 'materialized view': 'MATERIALIZED VIEW', sequence: 'SEQUENCE', type: 'TYPE', domain: 'DOMAIN', collation: 'COLLATION',
};

export function alterOwner(target: OwnerTarget, owner: string): string {
  const object = target.kind === 'routine'
    ? `${ROUTINE_WORD[target.routine]} ${routineSignature({ ...target, kind: target.routine })}`
    : `${OWNER_WORD[target.kind]} ${target.kind === 'schema' ? quoteIdent(target.name) : quoteQualified(target.schema, target.name)}`;
  return `ALTER ${object} OWNER TO ${quoteIdent(owner)}`;
}

/**
 * A new object belongs to whoever runs the plan: where the IR names its owner, it is handed over
 * at once, before its grants, so that they are the owner's (their grantor) as in the database read.
 */
export function ownerTo(target: OwnerTarget, owner: string | undefined): string[] {
  return owner === undefined ? [] : [alterOwner(target, owner)];
}

/**
 * An enum's, composite's or domain's owner and USAGE. A new type is usable by PUBLIC: where the
 * IR describes grants and lists no such grant, that is revoked.
 */
export function typeTail(kind: 'type' | 'domain', t: EnumType | CompositeType | RangeType | Domain): string[] {
  const target = { kind, schema: t.schema, name: t.name } as const;
  const out = ownerTo(target, t.owner);
  if (!t.grants) return out;
  const byDefault = (g: Grant) => g.grantee.toUpperCase() === 'PUBLIC' && g.privilege === 'USAGE' && !g.grantable;
  if (!t.grants.some(byDefault)) out.push(revoke(target, { grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }));
  for (const g of t.grants) if (!byDefault(g)) out.push(grant(target, g));
  out.push(...ownerRevokes(target, t.ownerRevoked));
  return out;
}

export function revoke(target: GrantTarget, g: Grant): string {
  const colPart = target.kind === 'column' ? ` (${quoteIdent(target.column)})` : '';
  return `REVOKE ${g.privilege}${colPart} ON ${grantObject(target)} FROM ${role(g.grantee)}`;
}

export function createView(v: View): string[] {
  const def = v.definition.trim().replace(/;\s*$/, '');
  const options = (v.options ?? []).map(splitOption).map(([k, val]) => `${quoteIdent(k)} = ${lit(val)}`);
  const out = [`CREATE ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${q(v)}${options.length > 0 ? ` WITH (${options.join(', ')})` : ''} AS\n${def}`];
  out.push(...ownerTo({ kind: v.materialized ? 'materialized view' : 'view', schema: v.schema, name: v.name }, v.owner));
  if (v.comment !== null) out.push(commentOn(v.materialized ? 'MATERIALIZED VIEW' : 'VIEW', q(v), v.comment));
  for (const c of v.columns) if (c.comment !== undefined) out.push(commentOn('COLUMN', `${q(v)}.${quoteIdent(c.name)}`, c.comment));
  for (const ix of v.indexes) {
    out.push(createIndex(v, ix, false));
    if (ix.comment !== null) out.push(commentOn('INDEX', quoteQualified(v.schema, ix.name), ix.comment));
  }
  for (const t of v.triggers ?? []) out.push(...createTrigger(v, t));
  for (const g of v.grants) out.push(grant({ kind: 'view', schema: v.schema, name: v.name }, g));
  out.push(...ownerRevokes({ kind: 'view', schema: v.schema, name: v.name }, v.ownerRevoked));
  return out;
}

export function dropView(v: View): string {
  return `DROP ${v.materialized ? 'MATERIALIZED ' : ''}VIEW ${q(v)}`;
}

export function createEnum(e: EnumType, name: QualifiedName = e): string[] {
  const out = [`CREATE TYPE ${q(name)} AS ENUM (${e.labels.map(quoteLiteral).join(', ')})`];
  if (e.comment !== null) out.push(commentOn('TYPE', q(name), e.comment));
  out.push(...typeTail('type', { ...e, ...name }));
  return out;
}

export function createDomain(d: Domain): string[] {
  const parts = [`CREATE DOMAIN ${q(d)} AS ${d.baseType}`];
  if (d.collation) parts.push(collateClause(d.collation).trimStart());
  if (d.default !== null) parts.push(`DEFAULT ${d.default}`);
  if (d.notNull) parts.push('NOT NULL');
  for (const c of d.checks) if (c.validated !== false) parts.push(`CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`);
  const out = [parts.join(' ')];
  // A check meant to stay NOT VALID can only be added so after the domain exists.
  for (const c of d.checks) if (c.validated === false) out.push(domainCheck(d, c));
  if (d.comment !== null) out.push(commentOn('DOMAIN', q(d), d.comment));
  out.push(...typeTail('domain', d));
  return out;
}

export function domainCheck(d: QualifiedName, c: Domain['checks'][number]): string {
  return `ALTER DOMAIN ${q(d)} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})${c.validated === false ? ' NOT VALID' : ''}`;
}

export function sequenceOptions(s: Sequence): string {
  return `AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache}${s.cycle ? ' CYCLE' : ' NO CYCLE'}`;
}

export function createSequence(s: Sequence): string[] {
  const out = [`CREATE SEQUENCE ${q(s)} ${sequenceOptions(s)}`, ...ownerTo({ kind: 'sequence', schema: s.schema, name: s.name }, s.owner)];
  if (s.comment !== null) out.push(commentOn('SEQUENCE', q(s), s.comment));
  for (const g of s.grants) out.push(grant({ kind: 'sequence', schema: s.schema, name: s.name }, g));
  out.push(...ownerRevokes({ kind: 'sequence', schema: s.schema, name: s.name }, s.ownerRevoked));
  return out;
}

export function sequenceOwnedBy(s: Sequence): string {
  return `ALTER SEQUENCE ${q(s)} OWNED BY ${s.ownedBy ? `${quoteQualified(s.ownedBy.schema, s.ownedBy.name)}.${quoteIdent(s.ownedBy.column)}` : 'NONE'}`;
}

/** A routine as COMMENT ON / DROP <ROUTINE_WORD> name it: an aggregate over no argument is `agg(*)`. */
export function routineSignature(r: Pick<Routine, 'schema' | 'name' | 'kind' | 'identityArguments'>): string {
  // `AGGREGATE agg()` is a syntax error; GRANT/REVOKE ON ROUTINE take the plain `(args)`.
  return `${q(r)}(${r.kind === 'aggregate' && r.identityArguments === '' ? '*' : r.identityArguments})`;
}

const ROUTINE_WORD: Record<Routine['kind'], string> = { function: 'FUNCTION', procedure: 'PROCEDURE', aggregate: 'AGGREGATE', window: 'FUNCTION' };

export function createRoutine(r: Routine): string[] {
  if (!r.definition) throw new Error(`cannot plan ${r.kind} ${r.schema}.${r.name}: no definition to recreate it from`);
  const out = [r.definition.trim().replace(/;\s*$/, ''), ...ownerTo({ kind: 'routine', routine: r.kind, schema: r.schema, name: r.name, identityArguments: r.identityArguments }, r.owner)];
  if (r.comment !== null) out.push(commentOn(ROUTINE_WORD[r.kind], routineSignature(r), r.comment));
  // A new routine is executable by PUBLIC; the IR lists that grant when it is meant to stay.
  if (!r.grants.some((g) => g.grantee.toUpperCase() === 'PUBLIC' && g.privilege === 'EXECUTE')) {
    out.push(revoke(routineTarget(r), { grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }));
  }
  for (const g of r.grants) out.push(grant(routineTarget(r), g));
  out.push(...ownerRevokes(routineTarget(r), r.ownerRevoked));
  return out;
}

// ROUTINE with the plain argument list: `FUNCTION agg(*)` is a syntax error; `*` is for AGGREGATE only.
const routineTarget = (r: Routine): GrantTarget => ({ kind: 'routine', schema: r.schema, name: r.name, identityArguments: r.identityArguments });

export function dropRoutine(r: Routine): string {
  return `DROP ${ROUTINE_WORD[r.kind]} ${routineSignature(r)}`;
}

export { ROUTINE_WORD };
