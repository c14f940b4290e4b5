// SG021: in a no-transaction file each statement commits on its own, so a crash (or a lock
// timeout) mid-file leaves the first statements applied and unrecorded; the retry replays
// them. A statement without IF [NOT] EXISTS then fails on what it already did. The last
// statement is replayed only if it failed, and then it rolled back, unless it is a CREATE
// INDEX CONCURRENTLY: a failed build leaves an INVALID index behind.
import type { AlterTableCmd, AlterTableStmt, DropStmt } from 'libpg-query';
import { body } from '../ast.js';
import type { StatementRule } from './context.js';

const GUARDED: Record<string, string> = {
  IndexStmt: 'CREATE INDEX',
  CreateStmt: 'CREATE TABLE',
  CreateSeqStmt: 'CREATE SEQUENCE',
  CreateSchemaStmt: 'CREATE SCHEMA',
  CreateExtensionStmt: 'CREATE EXTENSION',
};

export const rerunnable: StatementRule = (ctx) => {
  if (ctx.inTransaction || ctx.unit.inBody) return;
  const kind = ctx.unit.kind;
  const n = ctx.node as { if_not_exists?: boolean; concurrent?: boolean };
  let what: string | undefined;
  let guard = 'IF NOT EXISTS';
  if (GUARDED[kind] && !n.if_not_exists) {
    what = kind === 'IndexStmt' && n.concurrent ? 'CREATE INDEX CONCURRENTLY' : GUARDED[kind];
  } else if (kind === 'DropStmt') {
    const d = ctx.node as DropStmt;
    if (!d.missing_ok) {
      what = `DROP ${(d.removeType ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ')}${d.concurrent ? ' CONCURRENTLY' : ''}`;
      guard = 'IF EXISTS';
    }
  } else if (kind === 'AlterTableStmt') {
    for (const c of (ctx.node as AlterTableStmt).cmds ?? []) {
      const cmd = body<AlterTableCmd>(c, 'AlterTableCmd');
      if (cmd?.subtype === 'AT_AddColumn' && !cmd.missing_ok) [what, guard] = ['ADD COLUMN', 'IF NOT EXISTS'];
      else if (cmd?.subtype === 'AT_DropColumn' && !cmd.missing_ok) [what, guard] = ['DROP COLUMN', 'IF EXISTS'];
      else continue;
      break;
    }
  }
  if (!what) return;
  const index = what === 'CREATE INDEX CONCURRENTLY';
  const last = ctx.unit.index === ctx.file.source.statements.length - 1;
  if (last && !index) return;
  ctx.add(
    'SG021',
    undefined,
    `${what} without ${guard} in a no-transaction file: each statement commits alone, so after a failure mid-file the retry stops here`,
    index
      ? 'write CREATE INDEX CONCURRENTLY IF NOT EXISTS (and drop an INVALID index a failed build left before retrying)'
      : `write ${what.split(' ')[0]} … ${guard} so the statement can run twice`,
  );
};
