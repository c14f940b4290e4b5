// Catalog rows → Schema. Pure: rows are grouped by the oid of the object they belong to, so
// assembly is linear in the size of the catalog.
import { sortSchema } from '../schema/sort.js';
import {
  IR_VERSION,
  type CheckConstraint, type Collation, type OwnerRevoked, type Column, type CompositeType, type Domain, type ExclusionConstraint, type ForeignKey, type Grant, type Index,
  type Policy, type PolicyCommand, type Privilege, type RangeType, type ReferentialAction, type Routine, type Schema, type Sequence,
  type ReplicaIdentity, type Table, type Trigger, type TriggerEvent, type UniqueConstraint, type View,
} from '../schema/types.js';
import type { CollationRow } from './collations.js';
import type { ColumnRow } from './columns.js';
import type { CompositeRow } from './composites.js';
import type { CommentRow } from './comments.js';
import type { ConstraintRow } from './constraints.js';
import type { DefaultPrivilegesRow } from './default-privileges.js';
import type { DependencyRow } from './dependencies.js';
import type { DomainRow } from './domains.js';
import type { EnumRow } from './enums.js';
import type { ExtensionRow } from './extensions.js';
import type { GrantRow } from './grants.js';
import type { IndexRow } from './indexes.js';
import { markInheritedColumns, withInheritedChecks } from './inherits.js';
import type { NamespaceRow } from './namespaces.js';
import type { OwnerRow, RoleRow } from './owners.js';
import type { PolicyRow } from './policies.js';
import type { RangeRow } from './ranges.js';
import type { RoutineRow } from './routines.js';
import { assembleRules, type RuleRow } from './rules.js';
import type { SequenceRow } from './sequences.js';
import type { TableRow } from './tables.js';
import type { TriggerRow } from './triggers.js';
import type { ViewRow } from './views.js';

export interface CatalogRows {
  readonly namespaces: readonly NamespaceRow[];
  readonly tables: readonly TableRow[];
  readonly columns: readonly ColumnRow[];
  readonly constraints: readonly ConstraintRow[];
  readonly indexes: readonly IndexRow[];
  readonly triggers: readonly TriggerRow[];
  readonly policies: readonly PolicyRow[];
  readonly views: readonly ViewRow[];
  readonly enums: readonly EnumRow[];
  readonly domains: readonly DomainRow[];
  readonly sequences: readonly SequenceRow[];
  readonly routines: readonly RoutineRow[];
  readonly extensions: readonly ExtensionRow[];
  /** Absent from rows captured before rules were read (benchmark fixtures). */
  readonly rules?: readonly RuleRow[];
  readonly comments: readonly CommentRow[];
  readonly grants: readonly GrantRow[];
  /** Absent from rows captured before collations and composite types were read (benchmark fixtures). */
  readonly collations?: readonly CollationRow[];
  readonly composites?: readonly CompositeRow[];
  readonly ranges?: readonly RangeRow[];
  /** Absent from rows captured before dependencies were read (benchmark fixtures). */
  readonly dependencies?: readonly DependencyRow[];
  /** Absent from rows captured before owners were read (benchmark fixtures): then the IR has none. */
  readonly owners?: readonly OwnerRow[];
  readonly roles?: readonly RoleRow[];
  readonly defaultPrivileges?: readonly DefaultPrivilegesRow[];
}

function replicaIdentity(t: TableRow): ReplicaIdentity {
  if (t.replident === 'f') return { kind: 'full' };
  if (t.replident === 'n') return { kind: 'nothing' };
  // An index identity whose index was dropped logs nothing: PostgreSQL keeps relreplident = 'i'.
  if (t.replident === 'i') return t.replident_index === null ? { kind: 'nothing' } : { kind: 'index', index: t.replident_index };
  return { kind: 'default' };
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const NO_GRANTS: readonly Grant[] = Object.freeze([]);

const objectKey = (catalog: string, oid: number, subid: number) => `${catalog}:${oid}:${subid}`;

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT',
};
const MATCH: Record<string, ForeignKey['match']> = { s: 'SIMPLE', f: 'FULL', p: 'PARTIAL' };
const COMMANDS: Record<PolicyRow['command'], PolicyCommand> = {
  '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE',
};
const VOLATILITY: Record<RoutineRow['volatility'], Routine['volatility']> = { i: 'IMMUTABLE', s: 'STABLE', v: 'VOLATILE' };
const ROUTINE_KINDS: Record<RoutineRow['kind'], Routine['kind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };

// pg_trigger.tgtype bits (see catalog/pg_trigger.h).
const TRIGGER_ROW = 1, TRIGGER_BEFORE = 2, TRIGGER_INSERT = 4, TRIGGER_DELETE = 8, TRIGGER_UPDATE = 16;
const TRIGGER_TRUNCATE = 32, TRIGGER_INSTEAD = 64;

function triggerEvents(type: number): TriggerEvent[] {
  const events: TriggerEvent[] = [];
  if (type & TRIGGER_INSERT) events.push('INSERT');
  if (type & TRIGGER_UPDATE) events.push('UPDATE');
  if (type & TRIGGER_DELETE) events.push('DELETE');
  if (type & TRIGGER_TRUNCATE) events.push('TRUNCATE');
  return events;
}

/** pg_get_triggerdef is the only printer of a trigger's WHEN condition (it references OLD and NEW). */
export function triggerWhen(definition: string): string | null {
  const match = /\sWHEN \((.*)\) EXECUTE (?:FUNCTION|PROCEDURE) /s.exec(definition);
  return match?.[1] ?? null;
}

/** The EXCLUDE clause alone: deferrability is carried by its own fields. */
export function exclusionDefinition(definition: string): string {
  return definition.replace(/ DEFERRABLE( INITIALLY DEFERRED)?$/, '');
}

export function assembleSchema(rows: CatalogRows): Schema {
  const comments = new Map<string, string>();
  for (const c of rows.comments) comments.set(objectKey(c.catalog, c.oid, c.subid), c.comment);
  const commentOf = (catalog: string, oid: number, subid = 0) => comments.get(objectKey(catalog, oid, subid)) ?? null;

  const grants = groupBy(rows.grants.filter((g) => !g.owner_revoked), (g) => objectKey(g.catalog, g.oid, g.subid));
  const revoked = groupBy(rows.grants.filter((g) => g.owner_revoked), (g) => objectKey(g.catalog, g.oid, g.subid));
  // Spread into an object: nothing at all when the owner holds every default privilege.
  const ownerRevokedOf = (catalog: string, oid: number): { ownerRevoked?: OwnerRevoked } => {
    const list = revoked.get(objectKey(catalog, oid, 0));
    if (!list) return {};
    return { ownerRevoked: { owner: list[0]!.grantee, privileges: list.map((g) => g.privilege as Privilege).sort() } };
  };
  const owners = new Map<string, string>();
  for (const o of rows.owners ?? []) owners.set(objectKey(o.catalog, o.oid, 0), o.owner);
  const ownerOf = (catalog: string, oid: number): { owner?: string } => {
    const owner = owners.get(objectKey(catalog, oid, 0));
    return owner === undefined ? {} : { owner };
  };
  // Most objects have no grants: they share one empty list rather than allocate thousands.
  const grantsOf = (catalog: string, oid: number, subid = 0): readonly Grant[] =>
    grants.get(objectKey(catalog, oid, subid))?.map((g) => ({
      grantee: g.grantee,
      privilege: g.privilege as Privilege,
      grantable: g.grantable,
    })) ?? NO_GRANTS;

  // Relations with a comment or a grant on some column: the others (nearly all, on a big
  // catalog) skip two lookups per column.
  const columnExtras = new Set<number>();
  for (const x of [...rows.comments, ...rows.grants]) if (x.catalog === 'pg_class' && x.subid !== 0) columnExtras.add(x.oid);

  const columnsByRelation = groupBy(rows.columns, (c) => c.table_oid);
  const columnsOf = (oid: number): Column[] => {
    const extras = columnExtras.has(oid);
    return (columnsByRelation.get(oid) ?? []).map((c) => ({
      name: c.name,
      position: c.position,
      type: c.type,
      notNull: c.not_null,
      default: c.default,
      identity: c.identity === 'a' ? 'always' : c.identity === 'd' ? 'by default' : null,
      identityOptions: c.identity_options,
      generated: c.generated,
      collation: c.collation,
      comment: extras ? commentOf('pg_class', oid, c.attnum) : null,
      grants: extras ? grantsOf('pg_class', oid, c.attnum) : NO_GRANTS,
    }));
  };

  const indexesByRelation = groupBy(rows.indexes, (i) => i.table_oid);
  const indexesOf = (oid: number): Index[] =>
    (indexesByRelation.get(oid) ?? []).map((i) => ({
      name: i.name,
      unique: i.unique,
      method: i.method,
      keys: i.keys.map((k) => ({
        column: k.column,
        expression: k.expression,
        descending: k.descending,
        nullsFirst: k.nullsFirst,
        opclass: k.opclass,
        collation: k.collation,
      })),
      include: i.include,
      predicate: i.predicate,
      nullsNotDistinct: i.nulls_not_distinct,
      valid: i.valid,
      comment: commentOf('pg_class', i.oid),
    }));

  const constraintsByTable = groupBy(rows.constraints.filter((c) => c.table_oid !== 0), (c) => c.table_oid);
  const checksByDomain = groupBy(rows.constraints.filter((c) => c.domain_oid !== 0), (c) => c.domain_oid);
  const triggersByTable = groupBy(rows.triggers, (t) => t.table_oid);
  const policiesByTable = groupBy(rows.policies, (p) => p.table_oid);

  const triggersOf = (oid: number): Trigger[] =>
    (triggersByTable.get(oid) ?? []).map((tr) => ({
      name: tr.name,
      timing: tr.type & TRIGGER_INSTEAD ? 'INSTEAD OF' : tr.type & TRIGGER_BEFORE ? 'BEFORE' : 'AFTER',
      events: triggerEvents(tr.type),
      updateColumns: tr.update_columns,
      level: tr.type & TRIGGER_ROW ? 'ROW' : 'STATEMENT',
      function: { schema: tr.function_schema, name: tr.function_name },
      when: tr.has_when ? triggerWhen(tr.definition) : null,
      enabled: tr.enabled,
      definition: tr.definition,
      comment: commentOf('pg_trigger', tr.oid),
    }));

  const tables: Table[] = rows.tables.map((t) => {
    const constraints = constraintsByTable.get(t.oid) ?? [];
    const pk = constraints.find((c) => c.type === 'p');
    const deferrable = (c: ConstraintRow) => ({ deferrable: c.deferrable, initiallyDeferred: c.initially_deferred });
    const uniques: UniqueConstraint[] = constraints
      .filter((c) => c.type === 'u')
      .map((c) => ({ name: c.name, columns: c.columns, nullsNotDistinct: c.nulls_not_distinct, ...deferrable(c) }));
    const checks: CheckConstraint[] = constraints
      .filter((c) => c.type === 'c')
      .map((c) => ({ name: c.name, expression: c.expression ?? '', validated: c.validated, noInherit: c.no_inherit }));
    const exclusions: ExclusionConstraint[] = constraints
      .filter((c) => c.type === 'x')
      .map((c) => ({ name: c.name, definition: exclusionDefinition(c.definition ?? ''), ...deferrable(c) }));
    const foreignKeys: ForeignKey[] = constraints
      .filter((c) => c.type === 'f')
      .map((c) => ({
        name: c.name,
        columns: c.columns,
        references: { schema: c.ref_schema ?? '', name: c.ref_table ?? '', columns: c.ref_columns },
        onUpdate: ACTIONS[c.on_update] ?? 'NO ACTION',
        onDelete: ACTIONS[c.on_delete] ?? 'NO ACTION',
        match: MATCH[c.match] ?? 'SIMPLE',
        validated: c.validated,
        ...deferrable(c),
      }));
    const triggers = triggersOf(t.oid);
    const policies: Policy[] = (policiesByTable.get(t.oid) ?? []).map((p) => ({
      name: p.name,
      command: COMMANDS[p.command],
      permissive: p.permissive,
      roles: p.roles,
      using: p.using,
      withCheck: p.with_check,
    }));
    return {
      schema: t.schema,
      name: t.name,
      kind: t.kind === 'p' ? 'partitioned' : 'table',
      unlogged: t.unlogged,
      partitionBy: t.partition_by,
      partitionOf:
        t.parent_schema !== null && t.parent_name !== null
          ? { schema: t.parent_schema, name: t.parent_name, bound: t.partition_bound ?? '' }
          : null,
      ...(t.inheritance ? { inherits: t.inheritance.parents } : {}),
      columns: markInheritedColumns(columnsOf(t.oid), t.inheritance),
      primaryKey: pk ? { name: pk.name, columns: pk.columns, ...(pk.deferrable ? deferrable(pk) : {}) } : null,
      uniques,
      checks: withInheritedChecks(checks, t.inheritance),
      exclusions,
      foreignKeys,
      indexes: indexesOf(t.oid),
      triggers,
      rowSecurity: { enabled: t.rls_enabled, forced: t.rls_forced },
      policies,
      grants: grantsOf('pg_class', t.oid),
      ...ownerRevokedOf('pg_class', t.oid),
      ...ownerOf('pg_class', t.oid),
      comment: commentOf('pg_class', t.oid),
      options: t.options,
      replicaIdentity: replicaIdentity(t),
    };
  });

  const views: View[] = rows.views.map((v) => ({
    schema: v.schema,
    name: v.name,
    materialized: v.materialized,
    definition: v.definition,
    columns: (columnsByRelation.get(v.oid) ?? []).map((c) => {
      const comment = columnExtras.has(v.oid) ? commentOf('pg_class', v.oid, c.attnum) : null;
      return comment === null ? { name: c.name, type: c.type } : { name: c.name, type: c.type, comment };
    }),
    indexes: indexesOf(v.oid),
    // Omitted when empty, so views without triggers keep the IR (and inspect's JSON) they had.
    ...(triggersByTable.has(v.oid) ? { triggers: triggersOf(v.oid) } : {}),
    grants: grantsOf('pg_class', v.oid),
    ...ownerRevokedOf('pg_class', v.oid),
    ...ownerOf('pg_class', v.oid),
    comment: commentOf('pg_class', v.oid),
    ...(v.options.length > 0 ? { options: v.options } : {}),
  }));

  const domains: Domain[] = rows.domains.map((d) => ({
    schema: d.schema,
    name: d.name,
    baseType: d.base_type,
    notNull: d.not_null,
    default: d.default,
    collation: d.collation,
    checks: (checksByDomain.get(d.oid) ?? []).map((c) => ({ name: c.name, expression: c.expression ?? '', ...(c.validated ? {} : { validated: false as const }) })),
    comment: commentOf('pg_type', d.oid),
    grants: grantsOf('pg_type', d.oid),
    ...ownerRevokedOf('pg_type', d.oid),
    ...ownerOf('pg_type', d.oid),
  }));

  const sequences: Sequence[] = rows.sequences.map((s) => ({
    schema: s.schema,
    name: s.name,
    type: s.type,
    start: s.start,
    increment: s.increment,
    min: s.min,
    max: s.max,
    cache: s.cache,
    cycle: s.cycle,
    ownedBy:
      s.owner_schema !== null && s.owner_table !== null && s.owner_column !== null
        ? { schema: s.owner_schema, name: s.owner_table, column: s.owner_column }
        : null,
    grants: grantsOf('pg_class', s.oid),
    ...ownerRevokedOf('pg_class', s.oid),
    ...ownerOf('pg_class', s.oid),
    comment: commentOf('pg_class', s.oid),
  }));

  const routines: Routine[] = rows.routines.map((r) => ({
    schema: r.schema,
    name: r.name,
    kind: ROUTINE_KINDS[r.kind],
    identityArguments: r.identity_arguments,
    arguments: r.arguments,
    returns: r.returns,
    language: r.language,
    body: r.body,
    volatility: VOLATILITY[r.volatility],
    securityDefiner: r.security_definer,
    strict: r.strict,
    definition: r.definition,
    grants: grantsOf('pg_proc', r.oid),
    ...ownerRevokedOf('pg_proc', r.oid),
    ...ownerOf('pg_proc', r.oid),
    comment: commentOf('pg_proc', r.oid),
  }));

  const PROVIDERS: Record<string, Collation['provider']> = { c: 'libc', i: 'icu', b: 'builtin' };
  const collations: Collation[] = (rows.collations ?? []).flatMap((c) => {
    const provider = PROVIDERS[c.provider];
    if (!provider) return [];
    return [{
      schema: c.schema,
      name: c.name,
      provider,
      locale: provider === 'libc' ? null : c.locale,
      lcCollate: provider === 'libc' ? c.lc_collate : null,
      lcCtype: provider === 'libc' ? c.lc_ctype : null,
      deterministic: c.deterministic,
      ...(c.rules !== null && c.rules !== '' ? { rules: c.rules } : {}),
      comment: commentOf('pg_collation', c.oid),
      ...ownerOf('pg_collation', c.oid),
    }];
  });

  const composites: CompositeType[] = (rows.composites ?? []).map((t) => ({
    schema: t.schema,
    name: t.name,
    attributes: t.attributes.map((a) => ({ name: a.name, type: a.type, collation: a.collation, comment: commentOf('pg_class', t.relation_oid, a.attnum) })),
    comment: commentOf('pg_type', t.oid),
    grants: grantsOf('pg_type', t.oid),
    ...ownerRevokedOf('pg_type', t.oid),
    ...ownerOf('pg_type', t.oid),
  }));

  const ranges: RangeType[] = (rows.ranges ?? []).map((r) => ({
    schema: r.schema,
    name: r.name,
    subtype: r.subtype,
    subtypeOpclass: r.subtype_opclass,
    collation: r.collation,
    canonical: r.canonical,
    subtypeDiff: r.subtype_diff,
    multirange: r.multirange,
    comment: commentOf('pg_type', r.oid),
    grants: grantsOf('pg_type', r.oid),
    ...ownerRevokedOf('pg_type', r.oid),
    ...ownerOf('pg_type', r.oid),
  }));

  return sortSchema({
    version: IR_VERSION,
    namespaces: rows.namespaces.map((n) => ({
      name: n.name,
      comment: commentOf('pg_namespace', n.oid),
      grants: n.grants.map((g) => ({ grantee: g.grantee, privilege: g.privilege as Privilege, grantable: g.grantable })),
      ...((n.owner_revoked ?? []).length > 0 ? { ownerRevoked: { owner: n.owner, privileges: n.owner_revoked as Privilege[] } } : {}),
      ...(rows.owners ? { owner: n.owner } : {}),
    })),
    tables,
    views,
    enums: rows.enums.map((e) => ({ schema: e.schema, name: e.name, labels: e.labels, comment: commentOf('pg_type', e.oid), grants: grantsOf('pg_type', e.oid), ...ownerRevokedOf('pg_type', e.oid), ...ownerOf('pg_type', e.oid) })),
    domains,
    sequences,
    routines,
    extensions: rows.extensions.map((e) => ({ name: e.name, schema: e.schema, version: e.version })),
    // Omitted when empty, so that schemas without them keep the IR they had.
    ...(collations.length > 0 ? { collations } : {}),
    ...(composites.length > 0 ? { composites } : {}),
    ...(ranges.length > 0 ? { ranges } : {}),
    ...assembleRules(rows.rules ?? []),
    dependencies: (rows.dependencies ?? []).map((d) => ({
      object: { kind: d.object_kind, schema: d.object_schema, name: d.object_name, arguments: d.object_arguments },
      on: { kind: d.on_kind, schema: d.on_schema, name: d.on_name, arguments: d.on_arguments },
    })),
    ...(rows.roles ? { roles: rows.roles.map((r) => r.name).sort() } : {}),
    ...(rows.defaultPrivileges ? {
      defaultPrivileges: rows.defaultPrivileges.map((d) => ({
        role: d.role, schema: d.schema, objects: d.objects,
        grants: d.grants.map((g) => ({ grantee: g.grantee, privilege: g.privilege as Privilege, grantable: g.grantable })),
        revoked: d.revoked.map((g) => ({ grantee: g.grantee, privilege: g.privilege as Privilege, grantable: g.grantable })),
      })),
    } : {}),
  });
}
