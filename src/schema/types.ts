// The schema IR: plain, serialisable, readonly data. No methods, no handles.
// Every source of truth (live database, TypeScript models, migrations on a scratch
// database) becomes a `Schema`; everything else is a function of two of them.
//
// Canonical forms (both introspection and the model compiler must produce these):
// - Identifiers are raw names as stored in the catalog (never quoted).
// - Types are spelled as PostgreSQL's format_type() spells them with search_path set to
//   pg_catalog only: built-in types unqualified (`integer`, `character varying(255)`,
//   `timestamp with time zone`, `numeric(10,2)`, `text[]`), user types schema-qualified
//   and quoted where needed (`public.mood`, `"My Schema"."Odd Type"[]`).
// - Expressions (defaults, checks, predicates, generated columns) are spelled as
//   pg_get_expr()/pg_get_constraintdef() spell them under the same search_path. Comparisons
//   go through `normalizeExpression` (schema/normalize.ts), not string equality.
// - Lists are sorted by name (columns by position) so equal schemas are deep-equal.

export const IR_VERSION = 1 as const;

export interface Schema {
  readonly version: typeof IR_VERSION;
  /** Namespaces included in this schema (e.g. ["public"]). */
  readonly namespaces: readonly Namespace[];
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly enums: readonly EnumType[];
  readonly domains: readonly Domain[];
  readonly sequences: readonly Sequence[];
  readonly routines: readonly Routine[];
  readonly extensions: readonly Extension[];
  /** User collations (CREATE COLLATION); absent when there are none or the source does not describe them (models). */
  readonly collations?: readonly Collation[];
  /** Composite types (CREATE TYPE … AS (…)); absent when there are none or the source does not describe them. */
  readonly composites?: readonly CompositeType[];
  /** Range types (CREATE TYPE … AS RANGE); absent when there are none or the source does not describe them. */
  readonly ranges?: readonly RangeType[];
  /** Rewrite rules of tables and views (not a view's own `_RETURN`); absent where not described (models). */
  readonly rules?: readonly Rule[];
  /**
   * ALTER DEFAULT PRIVILEGES: what objects a role creates later are granted. Absent where not
   * described (models, migrations): then not compared.
   */
  readonly defaultPrivileges?: readonly DefaultPrivileges[];
  /**
   * What each object needs to exist before it (pg_depend, views through pg_rewrite): read from
   * the catalog by introspection, absent from model sources. Not compared by diff: the planner
   * orders its statements by them (created after what they need, dropped before it).
   */
  readonly dependencies?: readonly Dependency[];
  /**
   * The roles of the server the schema was read from: a plan refuses to name a role the database
   * it runs on lacks. Absent where unknown (models, migrations): then nothing is checked.
   */
  readonly roles?: readonly string[];
}

/** An object as a dependency names it. Composite types and tables' row types are relations/types by their own name. */
export interface ObjectRef {
  readonly kind: 'relation' | 'routine' | 'type';
  readonly schema: string;
  readonly name: string;
  /** A routine's identity arguments (pg_get_function_identity_arguments); '' for the others. */
  readonly arguments: string;
}

/** `object` cannot exist without `on` (a view reads it, a default calls it, a column has its type). */
export interface Dependency {
  readonly object: ObjectRef;
  readonly on: ObjectRef;
}

export interface Namespace {
  readonly name: string;
  readonly comment: string | null;
  /** Privileges on the schema, the owner's own left out; absent where not described (models). */
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
}

/** A reference to a relation or type by schema and name. */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export type Privilege =
  | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'REFERENCES' | 'TRIGGER'
  | 'USAGE' | 'EXECUTE' | 'MAINTAIN' | 'CREATE';

export interface Grant {
  /** Role name, or "PUBLIC". Grants the owner holds on its own object are not listed. */
  readonly grantee: string;
  readonly privilege: Privilege;
  readonly grantable: boolean;
}

/**
 * Privileges of the built-in default that the owner has revoked from itself (REVOKE … FROM
 * owner). Absent when the owner has them all, as on nearly every object.
 */
export interface OwnerRevoked {
  /** The owner's role name: the role a plan grants them back to, or revokes them from. */
  readonly owner: string;
  /** Sorted. */
  readonly privileges: readonly Privilege[];
}

/**
 * One pg_default_acl entry: for the objects of a kind `role` creates (in `schema`, or anywhere),
 * the grants added to the built-in default and, anywhere only, what is revoked from it.
 */
export interface DefaultPrivileges {
  readonly role: string;
  /** IN SCHEMA; null for the role's defaults everywhere. */
  readonly schema: string | null;
  readonly objects: 'tables' | 'sequences' | 'functions' | 'types' | 'schemas';
  /** Sorted by grantee, privilege. */
  readonly grants: readonly Grant[];
  /** Privileges of the built-in default taken away (from PUBLIC or the role itself); sorted. */
  readonly revoked: readonly Grant[];
}

export interface Table extends QualifiedName {
  /** `partitioned` is a partitioned parent; a partition is a `table` with `partitionOf`. */
  readonly kind: 'table' | 'partitioned';
  readonly unlogged: boolean;
  /** Partition key of a partitioned table, as pg_get_partkeydef prints it: `RANGE (created_at)`. */
  readonly partitionBy: string | null;
  /** Parent and bound of a partition: bound as pg_get_expr(relpartbound) prints it. */
  readonly partitionOf: (QualifiedName & { readonly bound: string }) | null;
  /**
   * Parents of a table inheritance child (`INHERITS (...)`, not partitioning), in their
   * pg_inherits order. Absent when the table inherits from nothing.
   */
  readonly inherits?: readonly QualifiedName[];
  readonly columns: readonly Column[];
  readonly primaryKey: PrimaryKey | null;
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly CheckConstraint[];
  readonly exclusions: readonly ExclusionConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  /** Indexes that do not back a constraint (those are implied by the constraint). */
  readonly indexes: readonly Index[];
  readonly triggers: readonly Trigger[];
  readonly rowSecurity: { readonly enabled: boolean; readonly forced: boolean };
  readonly policies: readonly Policy[];
  readonly grants: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
  readonly comment: string | null;
  /**
   * Storage parameters (`fillfactor=70`), sorted, as pg_class.reloptions holds them. Absent where
   * the source does not describe them (models): then they are not compared.
   */
  readonly options?: readonly string[];
  /** What logical replication logs of an updated or deleted row; absent where not described. */
  readonly replicaIdentity?: ReplicaIdentity;
}

/** `index` names the unique index (its own or a constraint's) used as replica identity. */
export type ReplicaIdentity =
  | { readonly kind: 'default' | 'full' | 'nothing' }
  | { readonly kind: 'index'; readonly index: string };

export interface Column {
  readonly name: string;
  /** 1-based ordinal among live (not dropped) columns. */
  readonly position: number;
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly identity: 'always' | 'by default' | null;
  /**
   * The options of an identity column's sequence (introspection gives them; models may leave
   * them out, and then they are not compared). Null when the column is not an identity.
   */
  readonly identityOptions?: IdentityOptions | null;
  /** Expression of a `GENERATED ALWAYS AS (...) STORED` column. */
  readonly generated: string | null;
  /** Only when it differs from the type's default collation. */
  readonly collation: string | null;
  readonly comment: string | null;
  readonly grants: readonly Grant[];
  /** Present on an inheritance child's column that comes from a parent (attinhcount > 0). */
  readonly inherited?: Inherited;
}

/**
 * How a column or a check constraint of an inheritance child comes from its parents
 * (attinhcount/attislocal, coninhcount/conislocal). The parent owns it: the diff compares it on
 * the parent, and the child's CREATE TABLE … INHERITS leaves it out unless it is also local.
 */
export interface Inherited {
  /** How many parents give it. */
  readonly count: number;
  /** The child declares it too: it stays (as the child's own) when its parents drop it. */
  readonly local: boolean;
}

export interface IdentityOptions {
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface PrimaryKey {
  readonly name: string;
  readonly columns: readonly string[];
  /** Present (true) only for a DEFERRABLE key, so the IR of ordinary keys stays as it was. */
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
}

export interface Deferrable {
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

export interface UniqueConstraint extends Deferrable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
}

export interface CheckConstraint {
  readonly name: string;
  /** The boolean expression without the `CHECK (...)` wrapper. */
  readonly expression: string;
  readonly validated: boolean;
  readonly noInherit: boolean;
  /** Present on an inheritance child's check that comes from a parent (coninhcount > 0). */
  readonly inherited?: Inherited;
}

export interface ExclusionConstraint extends Deferrable {
  readonly name: string;
  /** As pg_get_constraintdef prints it: `EXCLUDE USING gist (room WITH =, during WITH &&)`. */
  readonly definition: string;
}

export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey extends Deferrable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly references: QualifiedName & { readonly columns: readonly string[] };
  readonly onUpdate: ReferentialAction;
  readonly onDelete: ReferentialAction;
  readonly match: 'SIMPLE' | 'FULL' | 'PARTIAL';
  readonly validated: boolean;
}

export interface IndexKey {
  /** A column name (raw, unquoted) when the key is a plain column, else null. */
  readonly column: string | null;
  /** The expression as pg_get_indexdef(oid, n, true) prints it, when the key is not a plain column. */
  readonly expression: string | null;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  /** Operator class, only when it is not the type's default. */
  readonly opclass: string | null;
  readonly collation: string | null;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keys: readonly IndexKey[];
  readonly include: readonly string[];
  readonly predicate: string | null;
  readonly nullsNotDistinct: boolean;
  /** False for an index left invalid by a failed CREATE INDEX CONCURRENTLY. */
  readonly valid: boolean;
  readonly comment: string | null;
}

export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE' | 'TRUNCATE';

export interface Trigger {
  readonly name: string;
  readonly timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF';
  readonly events: readonly TriggerEvent[];
  /** Columns of `UPDATE OF a, b`, empty otherwise. */
  readonly updateColumns: readonly string[];
  readonly level: 'ROW' | 'STATEMENT';
  readonly function: QualifiedName;
  readonly when: string | null;
  /** 'O' origin/local (default), 'D' disabled, 'R' replica, 'A' always. */
  readonly enabled: 'O' | 'D' | 'R' | 'A';
  /** As pg_get_triggerdef prints it. */
  readonly definition: string;
  readonly comment: string | null;
}

export type PolicyCommand = 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface Policy {
  readonly name: string;
  readonly command: PolicyCommand;
  readonly permissive: boolean;
  /** Role names; ["PUBLIC"] when the policy applies to everyone. Sorted. */
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
}

export interface View extends QualifiedName {
  readonly materialized: boolean;
  /** As pg_get_viewdef(oid, true) prints it. */
  readonly definition: string;
  /** `comment` only where the column has one. */
  readonly columns: readonly { readonly name: string; readonly type: string; readonly comment?: string }[];
  /** Materialized views can have indexes; always empty for plain views. */
  readonly indexes: readonly Index[];
  /** INSTEAD OF (and statement) triggers on a plain view; absent means none. */
  readonly triggers?: readonly Trigger[];
  readonly grants: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
  readonly comment: string | null;
  /** `check_option=local`, `security_barrier=true`, a materialized view's `fillfactor=…`: sorted; absent means none. */
  readonly options?: readonly string[];
}

export interface EnumType extends QualifiedName {
  /** Labels in their sort order. */
  readonly labels: readonly string[];
  readonly comment: string | null;
  /** USAGE granted to other roles (the owner's own left out); absent where not described (models). */
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
}

export interface Domain extends QualifiedName {
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  /** `validated: false` only on a check added NOT VALID (and not validated since). */
  readonly checks: readonly { readonly name: string; readonly expression: string; readonly validated?: false }[];
  readonly comment: string | null;
  /** USAGE granted to other roles (the owner's own left out); absent where not described (models). */
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
}

export interface Sequence extends QualifiedName, IdentityOptions {
  readonly type: string;
  /** The column that owns the sequence (serial columns), if any. */
  readonly ownedBy: (QualifiedName & { readonly column: string }) | null;
  readonly grants: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
  readonly comment: string | null;
}

export interface Routine extends QualifiedName {
  readonly kind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_function_identity_arguments: the part of the signature that identifies it. */
  readonly identityArguments: string;
  /** pg_get_function_arguments: with names and defaults. */
  readonly arguments: string;
  /** pg_get_function_result; null for procedures. */
  readonly returns: string | null;
  readonly language: string;
  /** prosrc: the body between the dollar quotes; for an aggregate, its definition. */
  readonly body: string;
  readonly volatility: 'IMMUTABLE' | 'STABLE' | 'VOLATILE';
  readonly securityDefiner: boolean;
  readonly strict: boolean;
  /** pg_get_functiondef: the full CREATE OR REPLACE statement (assembled for aggregates). */
  readonly definition: string | null;
  readonly grants: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
  readonly comment: string | null;
}

export interface Collation extends QualifiedName {
  readonly provider: 'libc' | 'icu' | 'builtin';
  /** ICU or builtin locale (colllocale, colliculocale before 17); null for libc. */
  readonly locale: string | null;
  /** libc's LC_COLLATE and LC_CTYPE; null for the other providers. */
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
  /** ICU tailoring rules (PostgreSQL 16+); absent when none. */
  readonly rules?: string;
  readonly comment: string | null;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
}

export interface CompositeAttribute {
  readonly name: string;
  readonly type: string;
  /** Only when it differs from the type's default collation, spelled like a column's. */
  readonly collation: string | null;
  readonly comment: string | null;
}

export interface CompositeType extends QualifiedName {
  /** In attribute order. */
  readonly attributes: readonly CompositeAttribute[];
  readonly comment: string | null;
  /** USAGE granted to other roles (the owner's own left out); absent where not described (models). */
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  /** The owning role; absent where the source does not describe owners (models, migrations): then not compared. */
  readonly owner?: string;
}

export interface RangeType extends QualifiedName {
  /** format_type of the subtype. */
  readonly subtype: string;
  /** The btree operator class, only when it is not the subtype's default (qualified). */
  readonly subtypeOpclass: string | null;
  /** Only when it differs from the subtype's default collation, spelled like a column's. */
  readonly collation: string | null;
  /** Functions as regproc prints them (qualified): null when none. */
  readonly canonical: string | null;
  readonly subtypeDiff: string | null;
  /** Its multirange type's name (PostgreSQL 14+, in the range's schema); null before 14. */
  readonly multirange: string | null;
  readonly comment: string | null;
  readonly grants?: readonly Grant[];
  readonly ownerRevoked?: OwnerRevoked;
  readonly owner?: string;
}

export interface Rule {
  /** The table or view the rule is on. */
  readonly table: QualifiedName;
  readonly name: string;
  /** pg_get_ruledef: the whole CREATE RULE statement, every relation qualified. */
  readonly definition: string;
  /** pg_rewrite.ev_enabled: O (origin, the default), D (disabled), R (replica), A (always). */
  readonly enabled: 'O' | 'D' | 'R' | 'A';
}

export interface Extension {
  readonly name: string;
  readonly schema: string;
  readonly version: string;
}

/** An empty schema: the identity element for diffs and a convenient test base. */
export function emptySchema(): Schema {
  return {
    version: IR_VERSION,
    namespaces: [],
    tables: [],
    views: [],
    enums: [],
    domains: [],
    sequences: [],
    routines: [],
    extensions: [],
  };
}
