// SG028: PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1) with only a NOTICE: two
// long names that share their first 63 bytes collide, and tools comparing full names miss them.
// The parser has already truncated them in the tree, so read the statement's tokens.
import { scannable, scanSync } from '../../migrate/script.js';
import type { StatementRule } from './context.js';

const MAX = 63;
/** Statements that create or rename something (a reference to a long name is truncated alike). */
export const IDENTIFIER_KINDS = [
  'CreateStmt', 'ViewStmt', 'CreateTableAsStmt', 'CreateSeqStmt', 'IndexStmt', 'AlterTableStmt', 'RenameStmt', 'CreateSchemaStmt',
  'CreateTrigStmt', 'CreatePolicyStmt', 'CreateEnumStmt', 'CompositeTypeStmt', 'CreateDomainStmt', 'CreateFunctionStmt',
];
const CREATING = new Set(IDENTIFIER_KINDS);
// A cheap first look (no unicode-class regex: it is slow on every statement): 16 characters
// are 64 bytes only if they are 4-byte ones, so shorter runs cannot be too long.
const CANDIDATE = /"(?:[^"]|"")+"|[\w$\u0080-\uffff]{16,}/g;
// A cheaper look still, before that one: is there such a run at all? Anchored at the start of
// a word (a run is tried once, not from each of its characters), and any quoted name of 16
// characters or more. Most statements have neither and stop here.
const ANY_LONG_RUN = /(?:^|[^\w$\u0080-\uffff])[\w$\u0080-\uffff]{16}|"[^"]{16}/;

function identifierOf(token: string): string {
  return token.startsWith('"') ? token.slice(1, -1).replace(/""/g, '"') : token.toLowerCase();
}

export const identifierLength: StatementRule = (ctx) => {
  if (!CREATING.has(ctx.unit.kind)) return;
  const text = ctx.unit.text;
  if (!ANY_LONG_RUN.test(text)) return;
  let candidate = false;
  for (const m of text.matchAll(CANDIDATE)) {
    if (Buffer.byteLength(identifierOf(m[0]), 'utf8') > MAX) {
      candidate = true;
      break;
    }
  }
  if (!candidate) return;
  const long = new Set<string>();
  // scannable: the scanner's JSON breaks on a C0 control character inside a quoted name.
  for (const token of scanSync(scannable(text)).tokens) {
    if (token.tokenName !== 'IDENT') continue;
    const name = identifierOf(token.text);
    if (Buffer.byteLength(name, 'utf8') > MAX) long.add(name);
  }
  for (const name of long) {
    ctx.add(
      'SG028',
      undefined,
      `identifier "${name.length > 80 ? `${name.slice(0, 77)}…` : name}" is ${Buffer.byteLength(name, 'utf8')} bytes: PostgreSQL silently truncates it to 63`,
      'shorten it to at most 63 bytes',
    );
  }
};
