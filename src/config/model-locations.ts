// Where the models declare each table, column, enum, index and legacy object: file and line,
// for reports that point a reviewer at the declaration (SARIF results, GitHub annotations, gcc
// lines). Models compile to plain data with no positions, so the positions come from reading
// the model sources: a small tokenizer (strings, comments, brackets) over the models entry and
// the files it imports relatively, looking for `table('name', { key: … }, { … name: '…' })`,
// `pgTable(…)`, `enumType('name'`, `pgEnum('name'` and `legacy.table('name'` calls. A
// declaration it cannot see (built in a loop, a computed name) is simply not located: reports
// then fall back to a logical location. Never an error: locating is a courtesy.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { FileLocation } from '../report/ci/diagnostic.js';
import type { SourcePositions } from '../report/ci/locations.js';

// The positions are the CI reports' own types (plain data): a 1-based position relative to
// the project root, `/`-separated; keys as report/ci/locations.ts describes them.
type DeclarationPosition = FileLocation;

interface Token {
  readonly kind: 'ident' | 'string' | 'punct';
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** Identifiers, string literals (value unquoted) and punctuation; comments and whitespace dropped. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;
  const advanceTo = (end: number) => {
    for (let k = i; k < end && k < n; k++) {
      if (source[k] === '\n') {
        line += 1;
        lineStart = k + 1;
      }
    }
    i = end;
  };
  while (i < n) {
    const ch = source[i]!;
    const col = i - lineStart + 1;
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r') {
      advanceTo(i + 1);
    } else if (ch === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      advanceTo(end < 0 ? n : end);
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      advanceTo(end < 0 ? n : end + 2);
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const startLine = line;
      let k = i + 1;
      let value = '';
      let depth = 0;
      while (k < n) {
        const c = source[k]!;
        if (c === '\\') {
          value += source[k + 1] ?? '';
          k += 2;
          continue;
        }
        if (ch === '`' && c === '$' && source[k + 1] === '{') depth += 1;
        else if (ch === '`' && depth > 0 && c === '}') depth -= 1;
        else if (c === ch && depth === 0) break;
        else if (c === '\n' && ch !== '`') break;
        value += c;
        k += 1;
      }
      tokens.push({ kind: 'string', text: ch === '`' && value.includes('${') ? '\u0000' : value, line: startLine, column: col });
      advanceTo(k + 1);
    } else if (/[A-Za-z_$]/.test(ch)) {
      let k = i + 1;
      while (k < n && /[\w$]/.test(source[k]!)) k += 1;
      tokens.push({ kind: 'ident', text: source.slice(i, k), line, column: col });
      advanceTo(k);
    } else {
      tokens.push({ kind: 'punct', text: ch, line, column: col });
      advanceTo(i + 1);
    }
  }
  return tokens;
}

const OPEN = new Set(['(', '{', '[']);
const CLOSE = new Set([')', '}', ']']);

/** Index of the token closing the bracket opened at `open`. */
function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'punct') continue;
    if (OPEN.has(t.text)) depth += 1;
    else if (CLOSE.has(t.text)) {
      depth -= 1;
      if (depth === 0) return k;
    }
  }
  return tokens.length - 1;
}

/** Top-level `key: value` entries of the object literal opened at `open`, with the value's first call's string argument. */
function objectKeys(tokens: readonly Token[], open: number, end: number): { key: Token; alias: string | null }[] {
  const keys: { key: Token; alias: string | null }[] = [];
  let depth = 0;
  for (let k = open; k <= end; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct' && OPEN.has(t.text)) depth += 1;
    else if (t.kind === 'punct' && CLOSE.has(t.text)) depth -= 1;
    else if (depth === 1 && (t.kind === 'ident' || t.kind === 'string') && tokens[k + 1]?.text === ':' && [',', '{'].includes(tokens[k - 1]?.text ?? '')) {
      // Drizzle: `lastIp: inet('last_ip')`, `id: serial('id')` — the database name is the call's first argument.
      let alias: string | null = null;
      const a = tokens[k + 2];
      const b = tokens[k + 3];
      const c = tokens[k + 4];
      if (a?.kind === 'ident' && b?.text === '(' && c?.kind === 'string') alias = c.text;
      keys.push({ key: t, alias });
    }
  }
  return keys;
}

interface Collected {
  tables: Record<string, DeclarationPosition>;
  columns: Record<string, DeclarationPosition>;
  enums: Record<string, DeclarationPosition>;
  objects: Record<string, DeclarationPosition>;
  legacy: Record<string, DeclarationPosition>;
}

const TABLE_CALLS = new Set(['table', 'pgTable']);
const ENUM_CALLS = new Set(['enumType', 'pgEnum', 'enum']);
const LEGACY_KINDS = new Set(['table', 'column', 'enum', 'index', 'view', 'function']);

/** The first one wins: a name declared twice is reported where it is first declared. */
function put(map: Record<string, DeclarationPosition>, key: string, pos: DeclarationPosition): void {
  if (!(key in map)) map[key] = pos;
}

/** Declarations in one file's text (`file` is the name positions carry). Pure. */
export function scanDeclarations(file: string, source: string, into?: Collected): Collected {
  const acc: Collected = into ?? { tables: {}, columns: {}, enums: {}, objects: {}, legacy: {} };
  const tokens = tokenize(source);
  const at = (t: Token): DeclarationPosition => ({ file, line: t.line, column: t.column });
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'ident' || tokens[k + 1]?.text !== '(') continue;
    const first = tokens[k + 2];
    if (first?.kind !== 'string' || first.text === '\u0000') continue;
    const member = tokens[k - 1]?.text === '.' ? tokens[k - 2]?.text : undefined;
    if (member === 'legacy' && LEGACY_KINDS.has(t.text)) {
      const second = tokens[k + 3]?.text === ',' ? tokens[k + 4] : undefined;
      const key = second?.kind === 'string' && (t.text === 'column' || t.text === 'index') ? `${t.text}:${first.text}.${second.text}` : `${t.text}:${first.text}`;
      put(acc.legacy, key, at(first));
      if (t.text === 'index' && second?.kind === 'string') put(acc.legacy, `index:${second.text}`, at(first));
      continue;
    }
    if (ENUM_CALLS.has(t.text) && (t.text !== 'enum' || member !== undefined)) {
      put(acc.enums, first.text, at(first));
      continue;
    }
    if (!TABLE_CALLS.has(t.text)) continue;
    const callEnd = closing(tokens, k + 1);
    const name = first.text;
    // The schema: `{ schema: 'x' }` in the options (DSL); `billing.table(…)` (Drizzle pgSchema) stays bare.
    let schema: string | null = null;
    for (let j = k + 3; j < callEnd; j++) {
      if (tokens[j]!.text === 'schema' && tokens[j + 1]?.text === ':' && tokens[j + 2]?.kind === 'string') schema = tokens[j + 2]!.text;
    }
    const keys = (s: string) => (schema ? [`${schema}.${s}`, s] : [s]);
    for (const key of keys(name)) put(acc.tables, key, at(first));
    if (tokens[k + 3]?.text === ',' && tokens[k + 4]?.text === '{') {
      const open = k + 4;
      const end = closing(tokens, open);
      for (const { key, alias } of objectKeys(tokens, open, end)) {
        for (const column of new Set([key.text, ...(alias ? [alias] : [])])) for (const tk of keys(`${name}.${column}`)) put(acc.columns, tk, at(key));
      }
      // Named things inside the rest of the call: `name: 'idx_x'` (DSL), `index('idx_x')` (Drizzle).
      for (let j = end + 1; j < callEnd; j++) {
        const s = tokens[j]!;
        if (s.kind !== 'string') continue;
        const prev = tokens[j - 1]?.text;
        if ((prev === ':' && tokens[j - 2]?.text === 'name') || (prev === '(' && tokens[j - 2]?.kind === 'ident')) put(acc.objects, s.text, at(s));
      }
    }
  }
  return acc;
}

/** Relative module specifiers a file imports or re-exports. */
function relativeImports(source: string): string[] {
  const specs: string[] = [];
  const tokens = tokenize(source);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const next = tokens[k + 1];
    if (t.kind === 'ident' && t.text === 'from' && next?.kind === 'string') specs.push(next.text);
    else if (t.kind === 'ident' && t.text === 'import' && next?.text === '(' && tokens[k + 2]?.kind === 'string') specs.push(tokens[k + 2]!.text);
  }
  return specs.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

function resolveModule(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  const candidates = [base, base.replace(/\.(m|c)?js$/, '.$1ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`];
  for (const c of candidates) {
    try {
      if (existsSync(c) && statSync(c).isFile()) return c;
    } catch {
      /* unreadable: skip */
    }
  }
  return null;
}

/** Relative to the root with `/`, or absolute when outside it. */
export function projectPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || rel === '' ? file.split(sep).join('/') : rel.split(sep).join('/');
}

/**
 * Declarations in the models entry (and legacy file) and the project files they import, up to
 * `maxFiles`. Files under node_modules are not read.
 */
export function modelDeclarations(root: string, entries: readonly (string | undefined)[], maxFiles = 200): SourcePositions {
  const acc: Collected = { tables: {}, columns: {}, enums: {}, objects: {}, legacy: {} };
  const seen = new Set<string>();
  const queue = entries.filter((e): e is string => Boolean(e)).map((e) => resolve(root, e));
  const entry = queue[0] ? projectPath(root, queue[0]) : null;
  while (queue.length > 0 && seen.size < maxFiles) {
    const file = queue.shift()!;
    if (seen.has(file) || file.includes(`${sep}node_modules${sep}`)) continue;
    seen.add(file);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    scanDeclarations(projectPath(root, file), source, acc);
    for (const spec of relativeImports(source)) {
      const next = resolveModule(file, spec);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  return { ...acc, entry };
}
