// Canonical spellings for comparison. Two sources may spell the same type or expression
// differently (`int4` / `integer`, `now()` / `CURRENT_TIMESTAMP`, `'x'::text` / `'x'`,
// `public.t_id_seq` / `t_id_seq`); comparisons go through these functions so that a clean
// database audits clean. The IR keeps the original spelling: these only build comparison keys.
import { quoteIdentIfNeeded } from './quote.js';

export interface NormalizeContext {
  /** The schema unqualified names resolve to (the table's own schema); its qualifier is dropped. */
  readonly schema?: string;
}

const TYPE_ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  bool: 'boolean',
  boolean: 'boolean',
  float8: 'double precision',
  'double precision': 'double precision',
  float: 'double precision',
  float4: 'real',
  real: 'real',
  decimal: 'numeric',
  numeric: 'numeric',
  varchar: 'character varying',
  'character varying': 'character varying',
  char: 'character',
  character: 'character',
  bpchar: 'character',
  timestamptz: 'timestamp with time zone',
  'timestamp with time zone': 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  'timestamp without time zone': 'timestamp without time zone',
  timetz: 'time with time zone',
  'time with time zone': 'time with time zone',
  time: 'time without time zone',
  'time without time zone': 'time without time zone',
  varbit: 'bit varying',
};

/**
 * Canonical type spelling: aliases resolved, `timestamp(3) with time zone` kept in
 * format_type's order, arrays as `[]`, `_int4` as `integer[]`, the context schema's
 * qualifier dropped, redundant quotes removed.
 */
export function normalizeType(type: string, ctx: NormalizeContext = {}): string {
  return memo(typeCache, type, ctx, computeType);
}

// Schemas repeat the same few spellings thousands of times: normalise each once.
const typeCache = new Map<string, string>();
const expressionCache = new Map<string, string | null>();
const CACHE_LIMIT = 50_000;

function memo<T>(cache: Map<string, T>, text: string, ctx: NormalizeContext, compute: (text: string, ctx: NormalizeContext) => T): T {
  const key = `${ctx.schema ?? ''}\u0000${text}`;
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = compute(text, ctx);
  cache.set(key, value);
  return value;
}

function computeType(type: string, ctx: NormalizeContext): string {
  let t = type.trim().replace(/\s+/g, ' ');
  let dims = 0;
  while (t.endsWith('[]')) {
    dims += 1;
    t = t.slice(0, -2).trimEnd();
  }
  // ARRAY / array[n] spellings
  t = t.replace(/\s*\[\d*\]/g, () => {
    dims += 1;
    return '';
  });
  if (/^_[a-z0-9_]+$/i.test(t)) {
    dims += 1;
    t = t.slice(1);
  }
  t = unquoteQualified(t, ctx.schema);
  const lower = t.toLowerCase();
  // name(modifiers) [with[out] time zone]
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(\(([^)]*)\))?\s*(with time zone|without time zone)?$/.exec(lower);
  let base: string;
  if (m && !t.includes('.') && !t.includes('"')) {
    const name = m[1]!.trim();
    const mods = m[3]?.replace(/\s+/g, '') ?? null;
    const zone = m[4] ?? null;
    let canonical = TYPE_ALIASES[name] ?? name;
    if ((canonical === 'timestamp without time zone' || canonical === 'time without time zone') && zone === 'with time zone') {
      canonical = canonical.replace('without', 'with');
    }
    if (canonical === 'numeric' && mods !== null && !mods.includes(',')) {
      base = `numeric(${mods},0)`;
    } else if (mods !== null && / (with|without) time zone$/.test(canonical)) {
      const [head, ...rest] = canonical.split(' ');
      base = `${head}(${mods}) ${rest.join(' ')}`;
    } else if (canonical === 'character' && mods === null) {
      base = 'character(1)';
    } else {
      base = mods !== null ? `${canonical}(${mods})` : canonical;
    }
  } else {
    base = t;
  }
  return base + '[]'.repeat(dims);
}

/** Drop quotes that are not needed and the qualifier of the context schema from `a.b` names. */
function unquoteQualified(name: string, schema: string | undefined): string {
  const parts = splitQualified(name);
  if (parts === null) return name;
  const clean = parts.map(quoteIdentIfNeeded);
  if (clean.length === 2 && (parts[0] === schema || parts[0] === 'pg_catalog')) clean.shift();
  return clean.join('.');
}

function splitQualified(name: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  while (i < name.length) {
    if (name[i] === '"') {
      let j = i + 1;
      let part = '';
      for (;;) {
        if (j >= name.length) return null;
        if (name[j] === '"') {
          if (name[j + 1] === '"') {
            part += '"';
            j += 2;
            continue;
          }
          break;
        }
        part += name[j];
        j += 1;
      }
      parts.push(part);
      i = j + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(name.slice(i));
      if (!m) return null;
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    if (i === name.length) break;
    if (name[i] !== '.') return null;
    i += 1;
  }
  return parts.length > 0 && parts.length <= 2 ? parts : null;
}

type Token = { readonly kind: 'string' | 'ident' | 'quoted' | 'number' | 'op' | 'space'; readonly text: string };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      let j = i;
      while (j < expr.length && /\s/.test(expr[j]!)) j += 1;
      tokens.push({ kind: 'space', text: ' ' });
      i = j;
    } else if (c === "'" || ((c === 'E' || c === 'e') && expr[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      for (;;) {
        if (j >= expr.length) break;
        if (expr[j] === "'") {
          if (expr[j + 1] === "'") {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      tokens.push({ kind: 'string', text: expr.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < expr.length && !(expr[j] === '"' && expr[j + 1] !== '"')) j += expr[j] === '"' ? 2 : 1;
      tokens.push({ kind: 'quoted', text: expr.slice(i, j + 1) });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(expr[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?/i.exec(expr.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(expr.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0].toLowerCase() });
      i += m[0].length;
    } else if (c === ':' && expr[i + 1] === ':') {
      tokens.push({ kind: 'op', text: '::' });
      i += 2;
    } else {
      tokens.push({ kind: 'op', text: c });
      i += 1;
    }
  }
  return tokens;
}

const STRING_TYPES = new Set(['text', 'text[]', 'character varying', 'character varying[]', 'varchar', 'bpchar', 'character', 'pg_catalog.text']);

/** `0.00` → `0`, `1.50` → `1.5`: the same numeric value spelled alike. */
function canonicalNumber(text: string): string {
  if (!/^[0-9]*\.[0-9]+$/.test(text)) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '' ? '0' : trimmed.startsWith('.') ? `0${trimmed}` : trimmed;
}

const NOW_SYNONYMS = new Set(['current_timestamp', 'transaction_timestamp()', 'now()', 'localtimestamp']);

/**
 * Canonical expression text for comparison: case of keywords and unquoted identifiers folded,
 * whitespace collapsed, casts on literals dropped (`'x'::text` → `'x'`, `'-1'::integer` → `-1`),
 * redundant outer parentheses removed, `CURRENT_TIMESTAMP` → `now()`, the context schema's
 * qualifier dropped (`public.t_id_seq` → `t_id_seq`, also inside `nextval('…'::regclass)`).
 * `NULL` (with or without a cast) normalises to null: no default.
 */
export function normalizeExpression(expr: string | null, ctx: NormalizeContext = {}): string | null {
  if (expr === null) return null;
  return memo(expressionCache, expr, ctx, computeExpression);
}

function computeExpression(expr: string, ctx: NormalizeContext): string | null {
  const schemas = new Set(['pg_catalog', ...(ctx.schema ? [ctx.schema] : [])]);
  let tokens = dropGroupingParens(tokenize(expr.trim()));
  // Drop the casts that follow a literal (`'x'::text`, `'a'::public.mood`, `'{}'::text[]`,
  // `(0)::numeric`) and string-type coercions PostgreSQL adds anywhere (`(v)::text`,
  // `ARRAY[…]::text[]` for a varchar column).
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const prev = lastSignificant(out);
    if (t.kind === 'op' && t.text === '::') {
      const end = skipTypeName(tokens, i + 1);
      const typeText = tokens.slice(i + 1, end).map((x) => x.text).join('').trim();
      const afterLiteral = prev && (prev.kind === 'string' || prev.kind === 'number' || (prev.kind === 'ident' && prev.text === 'null'));
      if (afterLiteral || STRING_TYPES.has(typeText)) {
        i = end - 1;
        continue;
      }
    }
    out.push(t);
  }
  tokens = out
    .filter((t, idx, arr) => !(t.kind === 'space' && (idx === 0 || idx === arr.length - 1)))
    .map((t) => {
      if (t.kind === 'string') return { kind: 'string', text: normalizeStringLiteral(t.text, schemas) } as Token;
      return t;
    });
  // Drop qualifiers of the context schema: `public . name` → `name`.
  const qualified: Token[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if ((t.kind === 'ident' || t.kind === 'quoted') && tokens[i + 1]?.text === '.' && schemas.has(identText(t))) {
      i += 1;
      continue;
    }
    qualified.push(t);
  }
  const grouped = qualified.map((t) => (t.kind === 'number' ? { kind: 'number', text: canonicalNumber(t.text) } as Token : t));
  const words = new Set(['ident', 'quoted', 'number', 'string']);
  let text = grouped
    .filter((t, i, arr) => {
      if (t.kind !== 'space') return true;
      const prev = arr[i - 1];
      const next = arr[i + 1];
      // a space only separates two words: `a AND b`, `timestamp with time zone`
      return prev !== undefined && next !== undefined && words.has(prev.kind) && words.has(next.kind);
    })
    .map((t) => (t.kind === 'quoted' ? quoteIdentIfNeeded(identText(t)) : t.kind === 'op' ? t.text : t.kind === 'space' ? ' ' : t.text))
    .join('')
    .replace(/!=/g, '<>')
    // PostgreSQL stores `x IN (a, b)` as `x = ANY (ARRAY[a, b])`
    .replace(/([a-z_][a-z0-9_$."]*) in\(([^()]*)\)/g, '$1=any(array[$2])');
  if (/^'-?[0-9]+(\.[0-9]+)?'$/.test(text)) text = text.slice(1, -1).replace(/^(-?)(.*)$/, (_, sign: string, n: string) => sign + canonicalNumber(n));
  if (NOW_SYNONYMS.has(text)) text = 'now()';
  if (text === 'null') return null;
  return text;
}

function lastSignificant(tokens: readonly Token[]): Token | undefined {
  for (let i = tokens.length - 1; i >= 0; i -= 1) if (tokens[i]!.kind !== 'space') return tokens[i];
  return undefined;
}

/** Index just past a type name starting at `start`: `text`, `public.mood`, `character varying(20)[]`, `timestamp with time zone`. */
function skipTypeName(tokens: readonly Token[], start: number): number {
  let i = start;
  while (tokens[i]?.kind === 'space') i += 1;
  const words = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone']);
  let first = true;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (first && (t.kind === 'ident' || t.kind === 'quoted')) {
      first = false;
      i += 1;
    } else if (t.kind === 'op' && t.text === '.' && (tokens[i + 1]?.kind === 'ident' || tokens[i + 1]?.kind === 'quoted')) {
      i += 2;
    } else if (t.kind === 'space' && tokens[i + 1]?.kind === 'ident' && words.has(tokens[i + 1]!.text)) {
      i += 2;
    } else if (t.kind === 'op' && t.text === '(') {
      let depth = 0;
      while (i < tokens.length) {
        if (tokens[i]!.text === '(') depth += 1;
        if (tokens[i]!.text === ')') depth -= 1;
        i += 1;
        if (depth === 0) break;
      }
    } else if (t.kind === 'op' && t.text === '[' && tokens[i + 1]?.text === ']') {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

/** Inside `'public.t_id_seq'` (a regclass literal) drop the context schema's qualifier. */
function normalizeStringLiteral(text: string, schemas: ReadonlySet<string>): string {
  const body = text.startsWith("'") ? text.slice(1, -1) : text;
  const parts = splitQualified(body.replace(/''/g, "'"));
  if (parts && parts.length === 2 && schemas.has(parts[0]!)) return `'${parts[1]!.replace(/'/g, "''")}'`;
  // A JSON document (jsonb defaults print in jsonb's own key order and spacing): canonical form.
  if (/^\s*[[{]/.test(body)) {
    try {
      const canonical = JSON.stringify(sortKeys(JSON.parse(body.replace(/''/g, "'"))));
      return `'${canonical.replace(/'/g, "''")}'`;
    } catch {
      /* not JSON: an array literal such as '{a,b}' */
    }
  }
  return text.startsWith("'") ? text : `'${body}'`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

function identText(t: Token): string {
  return t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text;
}


/**
 * Drop parentheses that only group (not those of a call: `now()`, `any (…)`, `in (…)`).
 * PostgreSQL prints `((a >= 0) AND (a <= 100))` for `a >= 0 AND a <= 100`; for comparison the
 * grouping is taken as the same (a lossy but practical key: drift in operator precedence
 * alone is vanishingly rare next to spelling differences).
 */
const NOT_CALLS = new Set(['and', 'or', 'not', 'when', 'then', 'else', 'case', 'is', 'like', 'ilike', 'between', 'zone', 'select', 'where', 'on', 'as', 'from', 'distinct']);

function dropGroupingParens(tokens: readonly Token[]): Token[] {
  const drop = new Set<number>();
  const stack: { index: number; call: boolean }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.kind === 'op' && t.text === '(') {
      let j = i - 1;
      while (j >= 0 && tokens[j]!.kind === 'space') j -= 1;
      const prev = tokens[j];
      const call = prev !== undefined && (prev.kind === 'quoted' || (prev.kind === 'ident' && !NOT_CALLS.has(prev.text)));
      stack.push({ index: i, call });
    } else if (t.kind === 'op' && t.text === ')') {
      const open = stack.pop();
      if (open && !open.call) {
        drop.add(open.index);
        drop.add(i);
      }
    }
  }
  return tokens.filter((_, i) => !drop.has(i));
}

/** True when two expressions mean the same after normalisation. */
export function sameExpression(a: string | null, b: string | null, ctx: NormalizeContext = {}): boolean {
  return normalizeExpression(a, ctx) === normalizeExpression(b, ctx);
}

export function sameType(a: string, b: string, ctx: NormalizeContext = {}): boolean {
  return normalizeType(a, ctx) === normalizeType(b, ctx);
}
