// Tenant schemas: one set of models, many copies of it, one per schema. To audit tenant_7 the
// models (declared in one schema, usually public) are moved into tenant_7 before comparing,
// so findings and suggested fixes name the tenant's real objects. The IR is plain data, so
// the move is a walk: `schema` fields, namespace names, and schema-qualified type and
// expression text that starts with the models' schema.
import { ConfigError } from '../errors.js';
import { quoteIdent } from '../schema/quote.js';
import type { Schema } from '../schema/types.js';

export function moveNamespace<T>(value: T, from: string, to: string): T {
  const prefixes = [`${from}.`, `${quoteIdent(from)}.`];
  const target = [`${to}.`, `${quoteIdent(to)}.`];
  const text = (s: string): string => {
    if (s === from) return to;
    for (let i = 0; i < prefixes.length; i += 1) if (s.startsWith(prefixes[i]!)) return target[i]! + s.slice(prefixes[i]!.length);
    // Inside expressions (defaults, checks): 'public.seq'::regclass, public.fn(…).
    return s.split(`'${from}.`).join(`'${to}.`).split(`${quoteIdent(from)}.`).join(`${quoteIdent(to)}.`);
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Map) return new Map([...v].map(([k, x]) => [typeof k === 'string' ? text(k) : k, walk(x)]));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}

/** The one schema the models live in (tenant targets need exactly one). */
export function modelsNamespace(schema: Schema, configured: readonly string[] | null): string {
  const names = configured ?? schema.namespaces.map((n) => n.name);
  if (names.length !== 1) {
    throw new ConfigError(`tenant schemas need models declared in exactly one schema (found ${names.length}: ${names.join(', ')}); set "schemas" in the config`);
  }
  return names[0]!;
}
