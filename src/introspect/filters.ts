// SQL fragments every catalog query shares. `$1` stands for the text[] of namespaces asked for,
// or NULL for every user namespace; bindScope() writes it into the text as a literal, so all
// queries take no parameter and postgres.js can pipeline them in one round trip.
import { quoteLiteral } from '../schema/quote.js';

/** `<alias>` (a pg_namespace row) is not a system namespace. */
export function userNamespace(alias: string): string {
  return `${alias}.nspname not in ('pg_catalog', 'information_schema')
  and ${alias}.nspname !~ '^pg_(toast|temp_)'`;
}

/** `<alias>` (a pg_namespace row) is a user namespace within the scope asked for. */
export function inNamespaces(alias: string): string {
  return `($1::text[] is null or ${alias}.nspname = any($1::text[]))
  and ${userNamespace(alias)}`;
}

/** The object is not a member of an extension (CREATE EXTENSION owns and recreates it). */
export function notExtensionMember(catalog: string, oid: string): string {
  return `not exists (select 1 from pg_depend ext where ext.classid = '${catalog}'::regclass and ext.objid = ${oid} and ext.deptype = 'e')`;
}

/** schema.name as format_type() would spell a user object: each part quoted only when needed. */
export function qualifiedName(namespace: string, name: string): string {
  return `case when ${namespace} = 'pg_catalog' then quote_ident(${name}) else quote_ident(${namespace}) || '.' || quote_ident(${name}) end`;
}

/** A text[] literal in PostgreSQL's array syntax: every element double-quoted and escaped. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** Write the scope into a query: the namespaces as a quoted literal, or NULL for all. */
export function bindScope(query: string, namespaces: readonly string[] | null): string {
  const literal = namespaces === null ? 'NULL' : quoteLiteral(textArrayLiteral(namespaces));
  return query.replaceAll('$1', literal);
}

/**
 * One row holding every row of `query` as a JSON array: the client parses it with one native
 * JSON.parse instead of field by field, which is most of the client's cost on big catalogs.
 */
export function asJsonRows(query: string): string {
  return `select coalesce(json_agg(q), '[]'::json) as rows from (${query}\n) q`;
}
