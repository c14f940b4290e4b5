// `schemaguard pull`: the introspected Schema written as models in schemaguard's DSL, one file
// per schema plus an index.ts. Pure: Schema in, file texts out. The output is what the model
// compiler turns back into the same IR (so `audit` right after `pull` finds nothing), and what
// the DSL cannot declare is listed at the top of each file rather than silently dropped.
import { quoteIdentIfNeeded } from '../schema/quote.js';
import type { Column, EnumType, ForeignKey, Index, IndexKey, Schema, Sequence, Table } from '../schema/types.js';

export interface PullOptions {
  /** Module the files import the DSL from (default `schemaguard/model`). */
  readonly importFrom?: string;
}

export interface PulledFile {
  readonly path: string;
  readonly text: string;
}

const js = (value: string): string => JSON.stringify(value);
const key = (s: { schema: string; name: string }) => `${s.schema}.${s.name}`;

/** A readable, unique TypeScript identifier for a SQL name. */
function identifier(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (id === '' || /^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  let candidate = id;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${id}${n}`;
  taken.add(candidate);
  return candidate;
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await t table enumType'.split(' '),
);

const PROPERTY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const prop = (name: string) => (PROPERTY.test(name) ? name : js(name));

const SIMPLE_TYPES: Record<string, string> = {
  uuid: 't.uuid()',
  text: 't.text()',
  'character varying': 't.varchar()',
  smallint: 't.smallint()',
  integer: 't.integer()',
  bigint: 't.bigint()',
  numeric: 't.numeric()',
  real: 't.real()',
  'double precision': 't.double()',
  boolean: 't.boolean()',
  date: 't.date()',
  'timestamp without time zone': 't.timestamp()',
  'timestamp with time zone': 't.timestamptz()',
  interval: 't.interval()',
  inet: 't.inet()',
  bytea: 't.bytea()',
  json: 't.json()',
  jsonb: 't.jsonb()',
};

interface Context {
  readonly enumVars: ReadonlyMap<string, string>;
  /** The enum's type as a column type prints it → its key. */
  readonly enumByType: ReadonlyMap<string, string>;
  readonly serials: ReadonlyMap<string, Sequence>;
  readonly notes: string[];
}

function typeBuilder(type: string, ctx: Context): string {
  const array = /^(.*?)((?:\[\])+)$/.exec(type);
  const base = array ? array[1]! : type;
  const dims = array ? array[2]!.length / 2 : 0;
  let b: string;
  const enumKey = ctx.enumByType.get(base);
  const m = /^(character varying|character|numeric)\((\d+)(?:,(\d+))?\)$/.exec(base);
  if (enumKey) b = `t.enumOf(${ctx.enumVars.get(enumKey)})`;
  else if (SIMPLE_TYPES[base]) b = SIMPLE_TYPES[base]!;
  else if (m && m[1] === 'character varying') b = `t.varchar(${m[2]})`;
  else if (m && m[1] === 'character') b = `t.char(${m[2]})`;
  else if (m && m[1] === 'numeric') b = `t.numeric(${m[2]}, ${m[3] ?? 0})`;
  else return `t.custom(${js(type)})`;
  return b + '.array()'.repeat(dims);
}

function columnCode(table: Table, c: Column, ctx: Context, singlePk: string | null, uniqueCols: ReadonlySet<string>): string {
  const serial = ctx.serials.get(`${key(table)}.${c.name}`);
  let code: string;
  if (serial) code = serial.type === 'bigint' ? 't.bigserial()' : 't.serial()';
  else code = typeBuilder(c.type, ctx);
  if (singlePk === c.name) code += '.primaryKey()';
  else if (c.identity) code += '';
  else if (c.notNull && !serial) code += '.notNull()';
  if (c.identity) code += `.identity(${js(c.identity)})`;
  if (uniqueCols.has(c.name)) code += '.unique()';
  if (c.default !== null && !serial) code += c.default === 'now()' ? '.defaultNow()' : `.defaultSql(${js(c.default)})`;
  if (c.generated !== null) code += `.generatedAs(${js(c.generated)})`;
  if (c.collation !== null) code += `.collate(${js(c.collation)})`;
  if (c.comment !== null) code += `.comment(${js(c.comment)})`;
  return code;
}

/** A serial column: its default is nextval of a sequence it owns, with serial's own options. */
function serialSequences(schema: Schema): Map<string, Sequence> {
  const out = new Map<string, Sequence>();
  const tables = new Map(schema.tables.map((t) => [key(t), t]));
  for (const s of schema.sequences) {
    if (!s.ownedBy) continue;
    const t = tables.get(key(s.ownedBy));
    const col = t?.columns.find((c) => c.name === s.ownedBy!.column);
    if (!t || !col || col.identity) continue;
    const big = s.type === 'bigint';
    const plain =
      s.name === `${t.name}_${col.name}_seq` && s.start === '1' && s.increment === '1' && s.min === '1' && s.cache === '1' && !s.cycle &&
      s.max === (big ? '9223372036854775807' : '2147483647') && col.type === s.type && col.notNull && s.comment === null;
    if (plain && col.default !== null && /^nextval\('.*'::regclass\)$/.test(col.default) && col.default.includes(s.name)) {
      out.set(`${key(t)}.${col.name}`, s);
    }
  }
  return out;
}

function keyCode(k: IndexKey): string {
  const defaultNulls = k.nullsFirst === k.descending;
  if (k.opclass === null && k.collation === null) {
    let body = k.column !== null && /^[A-Za-z_][A-Za-z0-9_$]*$/.test(k.column) ? k.column : null;
    if (k.expression !== null) body = `(${k.expression})`;
    if (body !== null) {
      const dir = k.descending ? ' DESC' : '';
      const nulls = defaultNulls ? '' : k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
      return js(body + dir + nulls);
    }
  }
  const parts: string[] = [k.column !== null ? `column: ${js(k.column)}` : `expression: ${js(k.expression ?? '')}`];
  if (k.descending) parts.push('descending: true');
  if (!defaultNulls) parts.push(`nullsFirst: ${k.nullsFirst}`);
  if (k.opclass !== null) parts.push(`opclass: ${js(k.opclass)}`);
  if (k.collation !== null) parts.push(`collation: ${js(k.collation)}`);
  return `{ ${parts.join(', ')} }`;
}

function indexCode(ix: Index): string {
  const parts = [`name: ${js(ix.name)}`, `columns: [${ix.keys.map(keyCode).join(', ')}]`];
  if (ix.unique) parts.push('unique: true');
  if (ix.method !== 'btree') parts.push(`method: ${js(ix.method)}`);
  if (ix.predicate !== null) parts.push(`where: ${js(ix.predicate)}`);
  if (ix.include.length > 0) parts.push(`include: [${ix.include.map(js).join(', ')}]`);
  if (ix.nullsNotDistinct) parts.push('nullsNotDistinct: true');
  if (ix.comment !== null) parts.push(`comment: ${js(ix.comment)}`);
  return `{ ${parts.join(', ')} }`;
}

/** `key: value` for each field that differs from the DSL's default. */
function flags<T extends object>(value: T, defaults: Partial<Record<keyof T, boolean>>): string[] {
  return (Object.keys(defaults) as (keyof T)[]).filter((k) => value[k] !== defaults[k]).map((k) => `${String(k)}: ${String(value[k])}`);
}

function fkCode(table: Table, f: ForeignKey): string {
  const target = f.references.schema === table.schema ? f.references.name : key(f.references);
  const parts = [`name: ${js(f.name)}`, `columns: [${f.columns.map(js).join(', ')}]`, `references: { table: ${js(target)}, columns: [${f.references.columns.map(js).join(', ')}] }`];
  if (f.onDelete !== 'NO ACTION') parts.push(`onDelete: ${js(f.onDelete)}`);
  if (f.onUpdate !== 'NO ACTION') parts.push(`onUpdate: ${js(f.onUpdate)}`);
  if (f.match === 'FULL') parts.push(`match: "FULL"`);
  parts.push(...flags(f, { deferrable: false, initiallyDeferred: false, validated: true }));
  return `{ ${parts.join(', ')} }`;
}

function tableCode(t: Table, varName: string, ctx: Context): string {
  const where = key(t);
  const note = (what: string) => ctx.notes.push(`${where}: ${what}`);
  // An inheritance child declares its own columns and checks; `inherits` brings its parents'.
  const own = <T extends { inherited?: { local: boolean } }>(x: T) => !x.inherited || x.inherited.local;
  const ownColumn = new Set(t.columns.filter(own).map((c) => c.name));
  const pk = t.primaryKey;
  const singlePk = pk && pk.columns.length === 1 && pk.name === `${t.name}_pkey` && ownColumn.has(pk.columns[0]!) ? pk.columns[0]! : null;
  const uniqueCols = new Set(
    t.uniques.filter((u) => u.columns.length === 1 && u.name === `${t.name}_${u.columns[0]}_key` && !u.nullsNotDistinct && !u.deferrable && ownColumn.has(u.columns[0]!)).map((u) => u.columns[0]!),
  );
  const cols = t.columns.filter(own).map((c) => `  ${prop(c.name)}: ${columnCode(t, c, ctx, singlePk, uniqueCols)},`);
  const opts: string[] = [];
  if (t.schema !== 'public') opts.push(`schema: ${js(t.schema)}`);
  if (pk && !singlePk) opts.push(`primaryKey: { name: ${js(pk.name)}, columns: [${pk.columns.map(js).join(', ')}] }`);
  const uniques = t.uniques.filter((u) => !(u.columns.length === 1 && uniqueCols.has(u.columns[0]!) && u.name === `${t.name}_${u.columns[0]}_key`));
  if (uniques.length > 0) {
    opts.push(`uniques: [\n${uniques.map((u) => `    { ${[`name: ${js(u.name)}`, `columns: [${u.columns.map(js).join(', ')}]`, ...flags(u, { nullsNotDistinct: false, deferrable: false, initiallyDeferred: false })].join(', ')} },`).join('\n')}\n  ]`);
  }
  const checks = t.checks.filter(own);
  if (checks.length > 0) {
    opts.push(`checks: [\n${checks.map((c) => `    { ${[`name: ${js(c.name)}`, `expression: ${js(c.expression)}`, ...flags(c, { validated: true, noInherit: false })].join(', ')} },`).join('\n')}\n  ]`);
  }
  if (t.exclusions.length > 0) {
    opts.push(`exclusions: [\n${t.exclusions.map((x) => `    { ${[`name: ${js(x.name)}`, `definition: ${js(x.definition)}`, ...flags(x, { deferrable: false, initiallyDeferred: false })].join(', ')} },`).join('\n')}\n  ]`);
  }
  if (t.foreignKeys.length > 0) opts.push(`foreignKeys: [\n${t.foreignKeys.map((f) => `    ${fkCode(t, f)},`).join('\n')}\n  ]`);
  for (const f of t.foreignKeys) if (f.match === 'PARTIAL') note(`foreign key ${f.name} is MATCH PARTIAL (not declarable)`);
  const indexes = t.indexes.filter((ix) => ix.valid);
  for (const ix of t.indexes) if (!ix.valid) note(`index ${ix.name} is INVALID (a failed CREATE INDEX CONCURRENTLY): left out`);
  if (indexes.length > 0) opts.push(`indexes: [\n${indexes.map((ix) => `    ${indexCode(ix)},`).join('\n')}\n  ]`);
  if (t.partitionBy) opts.push(`partitionBy: ${js(t.partitionBy)}`);
  if (t.partitionOf) {
    const parent = t.partitionOf.schema === t.schema ? t.partitionOf.name : key(t.partitionOf);
    opts.push(`partitionOf: { table: ${js(parent)}, bound: ${js(t.partitionOf.bound)} }`);
  }
  if (t.inherits?.length) opts.push(`inherits: [${t.inherits.map((p) => js(p.schema === t.schema ? p.name : key(p))).join(', ')}]`);
  if (t.rowSecurity.enabled || t.rowSecurity.forced) opts.push(`rowSecurity: { enabled: ${t.rowSecurity.enabled}${t.rowSecurity.forced ? ', forced: true' : ''} }`);
  if (t.comment !== null) opts.push(`comment: ${js(t.comment)}`);
  if (t.unlogged) opts.push('unlogged: true');
  for (const tr of t.triggers) note(`trigger ${tr.name}`);
  for (const p of t.policies) note(`policy ${p.name}`);
  const options = opts.length > 0 ? `, {\n  ${opts.join(',\n  ')},\n}` : '';
  return `export const ${varName} = table(${js(t.name)}, {\n${cols.join('\n')}\n}${options});\n`;
}

/** Tables ordered so that a table comes after those its foreign keys reference (cycles kept in name order). */
function dependencyOrder(tables: readonly Table[]): Table[] {
  const byKey = new Map(tables.map((t) => [key(t), t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Table[] = [];
  const visit = (t: Table) => {
    const k = key(t);
    if (done.has(k) || visiting.has(k)) return;
    visiting.add(k);
    for (const f of t.foreignKeys) {
      const target = byKey.get(key(f.references));
      if (target && target !== t) visit(target);
    }
    visiting.delete(k);
    done.add(k);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (key(a) < key(b) ? -1 : 1))) visit(t);
  return out;
}

function fileName(schema: string, taken: Set<string>): string {
  let base = schema.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'schema';
  if (base === 'index') base = 'index-schema';
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

export function renderPull(schema: Schema, options: PullOptions = {}): PulledFile[] {
  const importFrom = options.importFrom ?? 'schemaguard/model';
  const schemas = [...new Set([...schema.tables.map((t) => t.schema), ...schema.enums.map((e) => e.schema)])].sort();
  const fileOf = new Map<string, string>();
  const takenFiles = new Set<string>();
  for (const s of schemas) fileOf.set(s, fileName(s, takenFiles));

  // One identifier space across files: index.ts re-exports them all.
  const taken = new Set<string>();
  const enumVars = new Map<string, string>();
  const enumByType = new Map<string, string>();
  for (const e of schema.enums) {
    enumVars.set(key(e), identifier(e.name, taken));
    enumByType.set(`${quoteIdentIfNeeded(e.schema)}.${quoteIdentIfNeeded(e.name)}`, key(e));
  }
  const tableVars = new Map(schema.tables.map((t) => [key(t), identifier(t.name, taken)]));
  const serials = serialSequences(schema);

  const files: PulledFile[] = [];
  for (const s of schemas) {
    const notes: string[] = [];
    const ctx: Context = { enumVars, enumByType, serials, notes };
    const enums = schema.enums.filter((e) => e.schema === s);
    const tables = dependencyOrder(schema.tables.filter((t) => t.schema === s));
    const body = [...enums.map((e) => enumCode(e, enumVars.get(key(e))!)), ...tables.map((t) => tableCode(t, tableVars.get(key(t))!, ctx))];
    notes.push(...notDeclarable(schema, s, serials));
    // Enums of other schemas that columns here use.
    const foreign = new Set<string>();
    for (const t of tables) for (const c of t.columns) {
      const ek = enumByType.get(c.type.replace(/(\[\])+$/, ''));
      if (ek && !ek.startsWith(`${s}.`)) foreign.add(ek);
    }
    const imports = [`import { ${[tables.length > 0 ? 't' : '', tables.length > 0 ? 'table' : '', enums.length > 0 ? 'enumType' : ''].filter(Boolean).join(', ')} } from ${js(importFrom)};`];
    const bySchema = new Map<string, string[]>();
    for (const ek of [...foreign].sort()) {
      const e = schema.enums.find((x) => key(x) === ek)!;
      bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), enumVars.get(ek)!]);
    }
    for (const [other, vars] of bySchema) imports.push(`import { ${vars.join(', ')} } from './${fileOf.get(other)}.js';`);
    const header = [
      `// Models of schema ${js(s)}, written by \`schemaguard pull\`. Edit freely: \`schemaguard audit\` compares them with the database.`,
      ...(notes.length > 0
        ? ['//', '// Not declarable in the models (kept in the database and in migrations, not compared by audit):', ...notes.sort().map((n) => `//   ${n.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')}`)]
        : []),
    ];
    files.push({ path: `${fileOf.get(s)}.ts`, text: `${header.join('\n')}\n${imports.join('\n')}\n\n${body.join('\n')}` });
  }
  const index = [
    '// The models entry written by `schemaguard pull`: point the config\'s `models` here.',
    ...schemas.map((s) => `export * from './${fileOf.get(s)}.js';`),
  ];
  files.push({ path: 'index.ts', text: `${index.join('\n')}\n` });
  return files;
}

function enumCode(e: EnumType, varName: string): string {
  const opts: string[] = [];
  if (e.schema !== 'public') opts.push(`schema: ${js(e.schema)}`);
  if (e.comment !== null) opts.push(`comment: ${js(e.comment)}`);
  return `export const ${varName} = enumType(${js(e.name)}, [${e.labels.map(js).join(', ')}]${opts.length > 0 ? `, { ${opts.join(', ')} }` : ''});\n`;
}

function notDeclarable(schema: Schema, s: string, serials: ReadonlyMap<string, Sequence>): string[] {
  const serialNames = new Set([...serials.values()].map(key));
  return [
    ...schema.views.filter((v) => v.schema === s).map((v) => `${v.materialized ? 'materialized view' : 'view'} ${key(v)}`),
    ...schema.routines.filter((r) => r.schema === s).map((r) => `${r.kind} ${key(r)}(${r.identityArguments})`),
    ...schema.domains.filter((d) => d.schema === s).map((d) => `domain ${key(d)}`),
    ...schema.sequences.filter((q) => q.schema === s && !serialNames.has(key(q)) && !isIdentitySequence(schema, q)).map((q) => `sequence ${key(q)}`),
    ...(s === 'public' ? schema.extensions.map((x) => `extension ${x.name}`) : []),
  ];
}

function isIdentitySequence(schema: Schema, q: Sequence): boolean {
  if (!q.ownedBy) return false;
  const t = schema.tables.find((x) => key(x) === key(q.ownedBy!));
  return Boolean(t?.columns.find((c) => c.name === q.ownedBy!.column)?.identity);
}

