// Every change kind and its planner. Typed as a complete record: a kind added to diff/changes.ts
// without a planner does not compile.
import type { ChangeKind } from '../../diff/changes.js';
import type { Planner } from '../context.js';
import { NAMESPACE_PLANNERS } from './namespace.js';
import { EXTENSION_PLANNERS } from './extension.js';
import { ENUM_PLANNERS } from './enum.js';
import { DOMAIN_PLANNERS } from './domain.js';
import { SEQUENCE_PLANNERS } from './sequence.js';
import { ROUTINE_PLANNERS } from './routine.js';
import { TABLE_PLANNERS } from './table.js';
import { COLUMN_PLANNERS } from './column.js';
import { CONSTRAINT_PLANNERS } from './constraint.js';
import { INDEXES_PLANNERS } from './indexes.js';
import { TRIGGER_PLANNERS } from './trigger.js';
import { POLICY_PLANNERS } from './policy.js';
import { GRANT_PLANNERS } from './grant.js';
import { OWNER_PLANNERS } from './owner.js';
import { DEFAULT_PRIVILEGES_PLANNERS } from './default-privileges.js';
import { VIEW_PLANNERS } from './view.js';
import { COLLATION_PLANNERS } from './collation.js';
import { COMPOSITE_PLANNERS } from './composite.js';
import { RULE_PLANNERS } from './rule.js';
import { RANGE_PLANNERS } from './range.js';

export const PLANNERS: { readonly [K in ChangeKind]: Planner<K> } = { ...NAMESPACE_PLANNERS, ...EXTENSION_PLANNERS, ...ENUM_PLANNERS, ...DOMAIN_PLANNERS, ...SEQUENCE_PLANNERS, ...ROUTINE_PLANNERS, ...TABLE_PLANNERS, ...COLUMN_PLANNERS, ...CONSTRAINT_PLANNERS, ...INDEXES_PLANNERS, ...TRIGGER_PLANNERS, ...POLICY_PLANNERS, ...GRANT_PLANNERS, ...OWNER_PLANNERS, ...DEFAULT_PRIVILEGES_PLANNERS, ...VIEW_PLANNERS, ...COLLATION_PLANNERS, ...COMPOSITE_PLANNERS, ...RULE_PLANNERS, ...RANGE_PLANNERS };
