// Which functions a column DEFAULT may call without PostgreSQL rewriting the table on ADD
// COLUMN. One list for the planner (plan/plan.ts, default expressions as text) and lint
// (parse trees): a volatile default is evaluated per row, so the table is rewritten.

/** Built-in volatile functions met in defaults (lower-case, unqualified). */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7', 'random',
  'random_normal', 'clock_timestamp', 'timeofday', 'nextval', 'txid_current', 'pg_current_xact_id', 'gen_random_bytes',
  'setseed', 'currval', 'lastval',
]);

/**
 * Built-in functions that are immutable or stable (a default calling them is evaluated once
 * for ADD COLUMN). A function in neither list is of unknown volatility: a user function.
 */
export const NON_VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'now', 'statement_timestamp', 'transaction_timestamp', 'current_setting', 'current_database', 'current_schema',
  'lower', 'upper', 'btrim', 'ltrim', 'rtrim', 'trim', 'replace', 'substring', 'substr', 'left', 'right', 'concat',
  'concat_ws', 'length', 'char_length', 'md5', 'format', 'to_char', 'to_date', 'to_timestamp', 'to_number',
  'date_trunc', 'date_part', 'extract', 'make_date', 'make_time', 'make_timestamp', 'make_timestamptz', 'make_interval',
  'timezone', 'age', 'abs', 'round', 'floor', 'ceil', 'ceiling', 'greatest', 'least', 'coalesce', 'nullif',
  'jsonb_build_object', 'jsonb_build_array', 'json_build_object', 'json_build_array', 'to_jsonb', 'to_json',
  'array_fill', 'string_to_array', 'array_to_string', 'encode', 'decode', 'convert_to', 'int4range',
  'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange',
]);

/** True when a default expression (as text, e.g. `gen_random_uuid()`) calls a volatile function. */
export function defaultIsVolatile(expr: string | null): boolean {
  if (expr === null) return false;
  for (const m of expr.matchAll(/([a-z_][a-z0-9_$]*)\s*\(/gi)) if (VOLATILE_FUNCTIONS.has(m[1]!.toLowerCase())) return true;
  return false;
}
