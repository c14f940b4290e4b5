// View bodies compared across PostgreSQL releases. pg_get_viewdef is the server's own deparse,
// and it changed in 16: a query level reading a single relation prints its columns bare
// (`SELECT id FROM users`) where 15 printed `SELECT users.id FROM users`. When a scratch
// database of the compared database's release cannot be had, two bodies are taken as equal
// when their parse trees are, once those qualifiers are removed at such levels.
import { loadParser, parseSync } from '../migrate/script.js';
import type { Schema, View } from '../schema/types.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const POSITIONS = new Set(['location', 'stmt_location', 'stmt_len']);
// Nodes that open a query level of their own: their columns are not the enclosing level's.
const NEW_LEVEL = new Set(['SubLink', 'RangeSubselect', 'CommonTableExpr', 'SelectStmt']);

/** The name a level's only relation is referred to by, when the level reads exactly one. */
function soleRelationName(select: { [k: string]: Json }): string | undefined {
  const from = select.fromClause;
  if (!Array.isArray(from) || from.length !== 1) return undefined;
  const only = from[0] as { [k: string]: Json } | null;
  const rv = only?.RangeVar as { [k: string]: Json } | undefined;
  if (!rv) return undefined;
  const alias = (rv.alias as { [k: string]: Json } | undefined)?.aliasname;
  return typeof alias === 'string' ? alias : typeof rv.relname === 'string' ? rv.relname : undefined;
}

function fieldName(f: Json): string | undefined {
  const s = (f as { [k: string]: Json } | null)?.String as { [k: string]: Json } | undefined;
  return typeof s?.sval === 'string' ? s.sval : undefined;
}

/** Copy of a node without positions, `qualifier.` removed from column references at this level. */
function canonical(node: Json, qualifier: string | undefined): Json {
  if (Array.isArray(node)) return node.map((n) => canonical(n, qualifier));
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (POSITIONS.has(k)) continue;
    // A set operation's branches (larg, rarg) are SelectStmt bodies, each a level of its own.
    if ((k === 'SelectStmt' || k === 'larg' || k === 'rarg') && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = canonical(v, soleRelationName(v));
    } else if (NEW_LEVEL.has(k)) {
      out[k] = canonical(v, undefined);
    } else if (k === 'ColumnRef' && qualifier !== undefined && v && typeof v === 'object' && !Array.isArray(v)) {
      const fields = v.fields;
      const bare = Array.isArray(fields) && fields.length === 2 && fieldName(fields[0]!) === qualifier ? fields.slice(1) : fields;
      out[k] = canonical({ ...v, fields: bare ?? null }, qualifier);
    } else {
      out[k] = canonical(v, qualifier);
    }
  }
  return out;
}

/** A release-independent key for a view body; the text itself when it does not parse. */
export function viewBodyKey(definition: string): string {
  try {
    return JSON.stringify(canonical(parseSync(definition) as unknown as Json, undefined));
  } catch {
    return definition;
  }
}

/**
 * `built` with each view body that is the same query as `reference`'s view of that name
 * (by viewBodyKey) replaced by the reference's text, so that diff sees no change and a plan
 * that re-creates the view for another reason uses a body that both releases accept.
 */
export async function alignViewBodies(built: Schema, reference: Schema): Promise<{ schema: Schema; aligned: number }> {
  await loadParser();
  const byName = new Map(reference.views.map((v) => [`${v.schema}.${v.name}`, v]));
  let aligned = 0;
  const views = built.views.map((v): View => {
    const ref = byName.get(`${v.schema}.${v.name}`);
    if (!ref || ref.definition === v.definition || ref.materialized !== v.materialized) return v;
    if (viewBodyKey(ref.definition) !== viewBodyKey(v.definition)) return v;
    aligned++;
    return { ...v, definition: ref.definition };
  });
  return { schema: { ...built, views }, aligned };
}
