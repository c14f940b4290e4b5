// What every per-kind planner (plan/kinds/<kind>.ts) shares: the phases steps are placed in,
// the emitter, and what the plan knows about both schemas and the other changes.
import type { ChangeKind, ChangeOf } from '../diff/changes.js';
import { ExitCode, SchemaguardError } from '../errors.js';
import type { QualifiedName, Schema, Table, View } from '../schema/types.js';
import type { Target } from './order.js';
import type { Hazard, HazardKind, PlannedStatement } from './types.js';

export interface PlanOptions {
  /** The schemas the changes go between: needed to find views and columns that depend on a change. */
  readonly from: Schema;
  readonly to: Schema;
}

/** A change the planner will not plan: exit 2, the message says why and what to do instead. */
export class PlanError extends SchemaguardError {
  constructor(message: string) {
    super(message, ExitCode.Usage);
  }
}

/** Coarse placement of a step; within it, the catalog's dependencies order steps (order.ts). */
export enum Phase {
  Renames,
  /** Before the owner's own privileges are given back or up: those name the new owner. */
  Owners,
  DropDependents,
  DropViews,
  DropTableObjects,
  CreateNamespaces,
  CreateTypes,
  CreateRoutines,
  CreateTables,
  AlterTables,
  AddTableObjects,
  AddForeignKeys,
  CreateViews,
  AddDependents,
  /** A parent's column dropped with ONLY (its children keep theirs, now local) before the children drop their own. */
  DropParentColumns,
  DropColumns,
  DropTables,
  DropTypes,
  DropNamespaces,
}

export interface Step extends PlannedStatement, Target {
  readonly phase: Phase;
  readonly order: number;
}

export type Extra = { transactional?: boolean; hazards?: Hazard[] } & Target;

export type Emit = (phase: Phase, change: ChangeKind, sql: string, reverse: readonly string[], extra?: Extra) => void;

export const key = (o: QualifiedName): string => `${o.schema}.${o.name}`;
export const hz = (kind: HazardKind, message: string): Hazard => ({ kind, message });

export interface PlanContext {
  readonly options: PlanOptions;
  readonly emit: Emit;
  readonly fromTables: ReadonlyMap<string, Table>;
  readonly toTables: ReadonlyMap<string, Table>;
  /** Created by this plan: built in place, no CONCURRENTLY or NOT VALID needed. */
  isNew(t: QualifiedName): boolean;
  isPartitioned(t: QualifiedName): boolean;
  /** Column-type spellings of every enum on either side. */
  readonly enumTypes: ReadonlySet<string>;
  /** Views dropped before and re-created after the changes under them (by key). */
  readonly viewsToRecreate: ReadonlySet<string>;
  /** Views already dropped or re-created by some change (by key). */
  readonly handledViews: Set<string>;
  /** Tables whose partitioning changes: re-created whole, after the per-change loop. */
  readonly recreated: ReadonlyMap<string, ChangeOf<'ModifyTable'>>;
  recreateView(fromView: View, toView: View | undefined, why: ChangeKind): void;
  /** The parent's column change that reaches this inherited column, if any. */
  parentColumnChange(c: ChangeOf<'ModifyColumn'>): ChangeOf<'ModifyColumn'> | undefined;
  /** Emits into AddTableObjects: a child's own column change, after its parent's has recursed. */
  readonly afterParent: Emit;
}

export type Planner<K extends ChangeKind> = (change: ChangeOf<K>, ctx: PlanContext) => void;
export type Planners<K extends ChangeKind> = { readonly [P in K]: Planner<P> };
