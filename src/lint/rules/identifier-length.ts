// SG028: PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1) with only a NOTICE: two
// long names that share their first 63 bytes collide, and tools comparing full names miss them.
import type { StatementRule } from './context.js';

const MAX = 63;
/** Keys of parse-tree fields that name something a statement creates or renames. */
const NAMING = new Set(['colname', 'idxname', 'conname', 'newname', 'schemaname', 'extname', 'dbname', 'trigname', 'policy_name']);
const CREATING = new Set(['CreateStmt', 'ViewStmt', 'CreateTableAsStmt', 'CreateSeqStmt', 'IndexStmt', 'AlterTableStmt', 'RenameStmt', 'CreateSchemaStmt', 'CreateTrigStmt', 'CreatePolicyStmt', 'CreateEnumStmt', 'CompositeTypeStmt', 'CreateDomainStmt', 'CreateFunctionStmt']);

export const identifierLength: StatementRule = (ctx) => {
  if (!CREATING.has(ctx.unit.kind)) return;
  const long = new Set<string>();
  const see = (s: unknown) => {
    if (typeof s === 'string' && s.length > MAX / 4 && Buffer.byteLength(s, 'utf8') > MAX) long.add(s);
  };
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, key);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (NAMING.has(k)) see(v);
      else if (k === 'relname' && (key === 'relation' || key === 'view' || key === 'rel' || key === 'sequence')) see(v);
      else if (k === 'sval' && (key === 'funcname' || key === 'typeName' || key === 'typevar')) see(v);
      if (v && typeof v === 'object') walk(v, k === 'String' || k === 'RangeVar' ? key : k);
    }
  };
  walk(ctx.node, '');
  for (const name of long) {
    ctx.add(
      'SG028',
      undefined,
      `identifier "${name.length > 80 ? `${name.slice(0, 77)}…` : name}" is ${Buffer.byteLength(name, 'utf8')} bytes: PostgreSQL silently truncates it to 63`,
      'shorten it to at most 63 bytes',
    );
  }
};
