// SQL fragments every catalog query shares. `$1` is always the text[] of namespaces to read,
// resolved once by the namespaces query, so every other query filters the same way.

/** `<alias>.nspname` is one of the namespaces being introspected. */
export function inNamespaces(alias: string): string {
  return `${alias}.nspname = any($1::text[])`;
}

/** The object is not a member of an extension (CREATE EXTENSION owns and recreates it). */
export function notExtensionMember(catalog: string, oid: string): string {
  return `not exists (select 1 from pg_depend ext where ext.classid = '${catalog}'::regclass and ext.objid = ${oid} and ext.deptype = 'e')`;
}

/** schema.name as format_type() would spell a user object: each part quoted only when needed. */
export function qualifiedName(namespace: string, name: string): string {
  return `case when ${namespace} = 'pg_catalog' then quote_ident(${name}) else quote_ident(${namespace}) || '.' || quote_ident(${name}) end`;
}
