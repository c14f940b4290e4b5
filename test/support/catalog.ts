// A compact fingerprint of a database's catalog (columns in order with types, defaults and
// nullability; constraints; indexes; triggers; views; enums; functions; schemas), to assert
// that a down migration restored the layout exactly. Deliberately independent of the
// introspection code under test elsewhere.
import type { Sql } from '../../src/db/connect.js';

export async function catalogFingerprint(sql: Sql): Promise<Record<string, string[]>> {
  const q = async (text: string) => (await sql.unsafe<{ x: string }[]>(text)).map((r) => r.x);
  return {
    schemas: await q(`select nspname as x from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' order by 1`),
    columns: await q(`
      select format('%s.%s #%s %s %s %s', c.relname, a.attname,
                    row_number() over (partition by c.oid order by a.attnum),
                    format_type(a.atttypid, a.atttypmod), case when a.attnotnull then 'not null' else 'null' end,
                    coalesce(pg_get_expr(d.adbin, d.adrelid), '')) as x
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast' and c.relkind in ('r', 'v', 'p')
        and a.attnum > 0 and not a.attisdropped
      order by 1`),
    constraints: await q(`
      select format('%s.%s.%s %s %s', n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid), k.convalidated) as x
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') order by 1`),
    indexes: await q(`
      select format('%s %s', pg_get_indexdef(i.indexrelid), x.indisvalid) as x
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_index x on x.indexrelid = i.indexrelid
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_toast' order by 1`),
    triggers: await q(`
      select pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text as x from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      where not t.tgisinternal and n.nspname not in ('pg_catalog', 'information_schema') order by 1`),
    views: await q(`select schemaname || '.' || viewname || ': ' || definition as x from pg_views where schemaname not in ('pg_catalog', 'information_schema') order by 1`),
    enums: await q(`
      select format('%s.%s %s', n.nspname, t.typname, (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid)) as x
      from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' order by 1`),
    functions: await q(`
      select format('%s.%s(%s) %s', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)) as x
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname not in ('pg_catalog', 'information_schema') order by 1`),
    sequences: await q(`
      select format('%s.%s last=%s', schemaname, sequencename, last_value) as x from pg_sequences order by 1`),
  };
}
