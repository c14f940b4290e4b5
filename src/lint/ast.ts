// Small accessors over libpg-query parse trees (each Node is a one-key object: {CreateStmt: …}).
import type { Node, RangeVar, TypeName } from 'libpg-query';

export interface TableRef {
  readonly schema: string | null;
  readonly name: string;
}

export function body<T>(node: Node | undefined, kind: string): T | undefined {
  // A node has one key, its kind: reading that key is the test (no Object.keys array per
  // call; this runs a few times for every node a rule looks at).
  return node ? ((node as unknown as Record<string, T | undefined>)[kind]) : undefined;
}

export function tableRef(rv: RangeVar | undefined): TableRef | undefined {
  if (!rv?.relname) return undefined;
  return { schema: rv.schemaname ?? null, name: rv.relname };
}

/** Key of a table across files; unqualified names are taken to live in `public`. */
export function tableKey(t: TableRef): string {
  return `${t.schema ?? 'public'}.${t.name}`;
}

export function displayTable(t: TableRef): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name;
}

export function stringValues(nodes: readonly Node[] | undefined): string[] {
  const out: string[] = [];
  if (!nodes) return out;
  for (const n of nodes) {
    const s = (n as { String?: { sval?: string } }).String?.sval;
    if (s !== undefined) out.push(s);
  }
  return out;
}

export interface TypeInfo {
  /** Last name part as the parser resolves it: int4, varchar, numeric, text, mood. */
  readonly name: string;
  /** Integer type modifiers: varchar(10) → [10], numeric(10,2) → [10, 2]. */
  readonly mods: readonly number[];
  readonly array: boolean;
}

export function typeInfo(t: TypeName | undefined): TypeInfo | undefined {
  if (!t) return undefined;
  const names = stringValues(t.names);
  const name = names[names.length - 1];
  if (!name) return undefined;
  const mods: number[] = [];
  for (const m of t.typmods ?? []) {
    const c = body<{ ival?: { ival?: number } }>(m, 'A_Const');
    if (c?.ival) mods.push(c.ival.ival ?? 0);
  }
  return { name, mods, array: (t.arrayBounds?.length ?? 0) > 0 };
}

export function formatType(t: TypeInfo): string {
  return `${t.name}${t.mods.length ? `(${t.mods.join(',')})` : ''}${t.array ? '[]' : ''}`;
}

/** Every FuncCall name inside an expression tree. */
export function functionNames(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) functionNames(n, into);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'FuncCall') {
        const names = stringValues((value as { funcname?: Node[] }).funcname);
        const last = names[names.length - 1];
        if (last) into.push(last.toLowerCase());
      }
      functionNames(value, into);
    }
  }
  return into;
}

/**
 * Whether a `(CONCURRENTLY [boolean])` option list turns it on: `REINDEX (CONCURRENTLY false)`
 * does not. PostgreSQL's defGetBoolean: no value, true/on/1 are true.
 */
export function concurrentlyOption(params: readonly Node[] | undefined): boolean {
  for (const p of params ?? []) {
    const d = body<{ defname?: string; arg?: Node }>(p, 'DefElem');
    if (d?.defname !== 'concurrently') continue;
    if (!d.arg) return true;
    const s = body<{ sval?: string }>(d.arg, 'String')?.sval;
    if (s !== undefined) return ['true', 'on', '1', 'yes'].includes(s.toLowerCase());
    const b = body<{ boolval?: boolean }>(d.arg, 'Boolean');
    if (b) return b.boolval === true;
    const i = body<{ ival?: number }>(d.arg, 'Integer');
    if (i) return (i.ival ?? 0) !== 0;
    return true;
  }
  return false;
}

/** `schema.name` lists of DROP … objects as table-like references. */
export function objectRefs(objects: readonly Node[] | undefined): TableRef[] {
  return (objects ?? []).flatMap((obj) => {
    const names = stringValues(body<{ items?: Node[] }>(obj, 'List')?.items);
    const name = names[names.length - 1];
    return name ? [{ schema: names.length > 1 ? names[names.length - 2]! : null, name }] : [];
  });
}
