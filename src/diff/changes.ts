// The differences between two schemas, as data. `diff(from, to)` returns the changes that turn
// `from` into `to`: `Add*` is in `to` only, `Drop*` is in `from` only, `Modify*` is in both but
// different. Every change carries the full objects on both sides (and the qualified name of the
// table it belongs to), so a planner can write the SQL and its reverse without the schemas, and
// an auditor can explain it without them.
import type {
  CheckConstraint,
  Collation,
  Column,
  CompositeAttribute,
  CompositeType,
  DefaultPrivileges,
  Domain,
  EnumType,
  ExclusionConstraint,
  Extension,
  ForeignKey,
  Grant,
  Index,
  Namespace,
  Policy,
  PrimaryKey,
  RangeType,
  QualifiedName,
  Routine,
  Rule,
  Sequence,
  Table,
  Trigger,
  UniqueConstraint,
  View,
} from '../schema/types.js';

/** What differs between the two sides of a `ModifyColumn` (Atlas's ChangeKind, as flags). */
export interface ColumnChanges {
  readonly type: boolean;
  readonly nullability: boolean;
  readonly default: boolean;
  readonly identity: boolean;
  /** Both identities, and their sequence options differ (only when both sides give them). */
  readonly identityOptions: boolean;
  readonly generated: boolean;
  readonly collation: boolean;
  readonly comment: boolean;
}

/** What differs between the two sides of a `ModifyTable` (columns and sub-objects are separate changes). */
export interface TableChanges {
  readonly kind: boolean;
  readonly unlogged: boolean;
  readonly partitionBy: boolean;
  readonly partitionOf: boolean;
  readonly rowSecurity: boolean;
  readonly comment: boolean;
  /** Storage parameters; only compared when both sides describe them. */
  readonly options: boolean;
  readonly replicaIdentity: boolean;
}

/** 0 < confidence ≤ 1: how sure rename detection is that a drop + add is one rename. */
export type Confidence = number;

/** The object a grant is on. Column grants name the column; routine grants their identity arguments. */
export type GrantTarget =
  | { readonly kind: 'table' | 'view' | 'sequence'; readonly schema: string; readonly name: string }
  /** USAGE on an enum or composite (`type`) or a domain. */
  | { readonly kind: 'type' | 'domain'; readonly schema: string; readonly name: string }
  /** A schema's own privileges (USAGE, CREATE): `schema` and `name` both name it. */
  | { readonly kind: 'schema'; readonly schema: string; readonly name: string }
  | { readonly kind: 'column'; readonly schema: string; readonly name: string; readonly column: string }
  | { readonly kind: 'routine'; readonly schema: string; readonly name: string; readonly identityArguments: string };

type OnTable = { readonly table: QualifiedName };

export type NamespaceChange =
  | { readonly kind: 'AddNamespace'; readonly namespace: Namespace }
  | { readonly kind: 'DropNamespace'; readonly namespace: Namespace }
  | { readonly kind: 'ModifyNamespace'; readonly from: Namespace; readonly to: Namespace };

export type TableChange =
  | { readonly kind: 'AddTable'; readonly table: Table }
  | { readonly kind: 'DropTable'; readonly table: Table }
  /** A dropped and an added table that look like one table renamed; its other changes follow, against `to`'s name. */
  | { readonly kind: 'RenameTable'; readonly from: Table; readonly to: Table; readonly confidence: Confidence }
  | ({ readonly kind: 'ModifyTable'; readonly from: Table; readonly to: Table; readonly changes: TableChanges } & OnTable);

export type ColumnChange =
  | ({ readonly kind: 'AddColumn'; readonly column: Column } & OnTable)
  | ({ readonly kind: 'DropColumn'; readonly column: Column } & OnTable)
  /** `from` and `to` may also differ in type etc.: a `ModifyColumn` against `to.name` follows when they do. */
  | ({ readonly kind: 'RenameColumn'; readonly from: Column; readonly to: Column; readonly confidence: Confidence } & OnTable)
  | ({ readonly kind: 'ModifyColumn'; readonly from: Column; readonly to: Column; readonly changes: ColumnChanges } & OnTable);

/** Constraints, indexes, triggers and policies: added, dropped, or changed (a planner drops and re-creates). */
type TableObjectChange<Name extends string, T, Key extends string> =
  | ({ readonly kind: `Add${Name}` } & OnTable & { readonly [K in Key]: T })
  | ({ readonly kind: `Drop${Name}` } & OnTable & { readonly [K in Key]: T })
  | ({ readonly kind: `Modify${Name}`; readonly from: T; readonly to: T } & OnTable);

export type PrimaryKeyChange = TableObjectChange<'PrimaryKey', PrimaryKey, 'primaryKey'>;
export type UniqueChange = TableObjectChange<'Unique', UniqueConstraint, 'unique'>;
export type CheckChange = TableObjectChange<'Check', CheckConstraint, 'check'>;
export type ExclusionChange = TableObjectChange<'Exclusion', ExclusionConstraint, 'exclusion'>;
export type ForeignKeyChange = TableObjectChange<'ForeignKey', ForeignKey, 'foreignKey'>;
/** Indexes of tables, and of materialized views (then `table` names the view). */
export type IndexChange = TableObjectChange<'Index', Index, 'index'>;
export type TriggerChange = TableObjectChange<'Trigger', Trigger, 'trigger'>;
export type PolicyChange = TableObjectChange<'Policy', Policy, 'policy'>;
/** Rewrite rules; `table` is the table or view the rule is on. */
export type RuleChange = TableObjectChange<'Rule', Rule, 'rule'>;

/** `owner`: the grantee is the object's owner, getting back (Add) or giving up (Drop) a default privilege. */
export type GrantChange =
  | { readonly kind: 'AddGrant'; readonly target: GrantTarget; readonly grant: Grant; readonly owner?: true }
  | { readonly kind: 'DropGrant'; readonly target: GrantTarget; readonly grant: Grant; readonly owner?: true };

/** An object as ALTER … OWNER TO names it; a routine's word and signature come from its kind. */
export type OwnerTarget =
  | { readonly kind: 'schema' | 'table' | 'view' | 'materialized view' | 'sequence' | 'type' | 'domain' | 'collation'; readonly schema: string; readonly name: string }
  | { readonly kind: 'routine'; readonly routine: Routine['kind']; readonly schema: string; readonly name: string; readonly identityArguments: string };

/**
 * An object on both sides whose owner differs (compared only where both sides describe owners).
 * `absorbed`: what `to` was granted on it in `from`, which the change merges into the owner's
 * own privileges (so the reverse grants it again).
 */
export type OwnerChange = {
  readonly kind: 'ModifyOwner';
  readonly target: OwnerTarget;
  readonly from: string;
  readonly to: string;
  /** Collations have no privileges: never set for them. */
  readonly absorbed?: { readonly target: GrantTarget; readonly grants: readonly Grant[] };
};

/**
 * ALTER DEFAULT PRIVILEGES: a role's defaults for a kind of object (in a schema, or everywhere)
 * differ. A side without the entry has the built-in default: no grants added, nothing revoked.
 */
export type DefaultPrivilegesChange = { readonly kind: 'ModifyDefaultPrivileges'; readonly from: DefaultPrivileges; readonly to: DefaultPrivileges };

export type ViewChange =
  | { readonly kind: 'AddView'; readonly view: View }
  | { readonly kind: 'DropView'; readonly view: View }
  /** Definition, columns, materialization or comment differ (indexes and grants are separate changes). */
  | {
      readonly kind: 'ModifyView';
      readonly from: View;
      readonly to: View;
      /** `columnComments`: a column's comment differs (COMMENT ON COLUMN works on a view's columns). */
      readonly changes: { readonly definition: boolean; readonly materialized: boolean; readonly columns: boolean; readonly comment: boolean; readonly options: boolean; readonly columnComments: boolean };
    };

export type EnumChange =
  | { readonly kind: 'AddEnum'; readonly enum: EnumType }
  | { readonly kind: 'DropEnum'; readonly enum: EnumType }
  /**
   * Labels differ. `added` lists labels of `to` missing from `from`, each with the label it
   * goes after (null: first) so `ALTER TYPE … ADD VALUE … AFTER …` can be written. `removed`
   * or `reordered` mean the type must be re-created: PostgreSQL cannot drop or move a label.
   */
  | {
      readonly kind: 'ModifyEnum';
      readonly from: EnumType;
      readonly to: EnumType;
      readonly added: readonly { readonly label: string; readonly after: string | null }[];
      readonly removed: readonly string[];
      readonly reordered: boolean;
      readonly commentChanged: boolean;
    };

export type DomainChange =
  | { readonly kind: 'AddDomain'; readonly domain: Domain }
  | { readonly kind: 'DropDomain'; readonly domain: Domain }
  | {
      readonly kind: 'ModifyDomain';
      readonly from: Domain;
      readonly to: Domain;
      readonly changes: { readonly baseType: boolean; readonly notNull: boolean; readonly default: boolean; readonly collation: boolean; readonly checks: boolean; readonly comment: boolean };
    };

export type SequenceChange =
  | { readonly kind: 'AddSequence'; readonly sequence: Sequence }
  | { readonly kind: 'DropSequence'; readonly sequence: Sequence }
  | { readonly kind: 'ModifySequence'; readonly from: Sequence; readonly to: Sequence; readonly fields: readonly SequenceField[] };

export type SequenceField = 'type' | 'start' | 'increment' | 'min' | 'max' | 'cache' | 'cycle' | 'ownedBy' | 'comment';

export type RoutineChange =
  | { readonly kind: 'AddRoutine'; readonly routine: Routine }
  | { readonly kind: 'DropRoutine'; readonly routine: Routine }
  /** Same name and identity arguments; body, result, language, volatility, security or comment differ. */
  | { readonly kind: 'ModifyRoutine'; readonly from: Routine; readonly to: Routine; readonly fields: readonly RoutineField[] };

export type RoutineField = 'kind' | 'arguments' | 'returns' | 'language' | 'body' | 'volatility' | 'securityDefiner' | 'strict' | 'comment';

/**
 * A table inheritance child gains or loses a parent (`ALTER TABLE … INHERIT / NO INHERIT`).
 * Parents are ordered: one that moves in the list is dropped and added again, after the others.
 */
export type InheritanceChange =
  | ({ readonly kind: 'AddInherit'; readonly parent: QualifiedName } & OnTable)
  | ({ readonly kind: 'DropInherit'; readonly parent: QualifiedName } & OnTable);

export type CollationChange =
  | { readonly kind: 'AddCollation'; readonly collation: Collation }
  | { readonly kind: 'DropCollation'; readonly collation: Collation }
  /**
   * `definition`: provider, locale, determinism or rules differ. PostgreSQL cannot alter them:
   * the planner re-creates the collation and moves the columns that use it.
   */
  | { readonly kind: 'ModifyCollation'; readonly from: Collation; readonly to: Collation; readonly definition: boolean; readonly commentChanged: boolean };

export type CompositeChange =
  | { readonly kind: 'AddComposite'; readonly composite: CompositeType }
  | { readonly kind: 'DropComposite'; readonly composite: CompositeType }
  /** Attributes paired by name (their order is not compared: ADD ATTRIBUTE appends). */
  | {
      readonly kind: 'ModifyComposite';
      readonly from: CompositeType;
      readonly to: CompositeType;
      readonly added: readonly CompositeAttribute[];
      readonly dropped: readonly CompositeAttribute[];
      /** Type or collation differ. */
      readonly altered: readonly { readonly from: CompositeAttribute; readonly to: CompositeAttribute }[];
      /** Attributes (of `to`) whose comment differs; added ones with a comment are listed too. */
      readonly commented: readonly CompositeAttribute[];
      readonly commentChanged: boolean;
    };

export type RangeChange =
  | { readonly kind: 'AddRange'; readonly range: RangeType }
  | { readonly kind: 'DropRange'; readonly range: RangeType }
  /** `definition`: subtype or an option differs, which PostgreSQL cannot alter: the type is re-created. */
  | { readonly kind: 'ModifyRange'; readonly from: RangeType; readonly to: RangeType; readonly definition: boolean; readonly commentChanged: boolean };

export type ExtensionChange =
  | { readonly kind: 'AddExtension'; readonly extension: Extension }
  | { readonly kind: 'DropExtension'; readonly extension: Extension }
  | { readonly kind: 'ModifyExtension'; readonly from: Extension; readonly to: Extension };

export type Change =
  | NamespaceChange
  | TableChange
  | ColumnChange
  | PrimaryKeyChange
  | UniqueChange
  | CheckChange
  | ExclusionChange
  | ForeignKeyChange
  | IndexChange
  | TriggerChange
  | PolicyChange
  | RuleChange
  | GrantChange
  | OwnerChange
  | DefaultPrivilegesChange
  | ViewChange
  | EnumChange
  | DomainChange
  | SequenceChange
  | RoutineChange
  | ExtensionChange
  | CollationChange
  | CompositeChange
  | RangeChange
  | InheritanceChange;

export type ChangeKind = Change['kind'];

/** The change of a given kind: `ChangeOf<'ModifyColumn'>`. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;
