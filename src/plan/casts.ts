// Whether `ALTER COLUMN ... TYPE b USING col::b` can work at all. The planner sees no catalog,
// so this knows the built-in pairs PostgreSQL has no cast for (pg_cast has no row and no I/O
// conversion applies): numbers and booleans to dates and times and back, bigint or numeric to
// boolean, a scalar to an array. Everything else is left to PostgreSQL, with a may-fail hazard.

const STRING = /^(text|character varying(\(\d+\))?|character(\(\d+\))?|"char"|name|citext)$/;
const NUMBER = /^(smallint|integer|bigint|real|double precision|numeric(\(\d+(,\s*-?\d+)?\))?|money)$/;
const DATETIME = /^(date|timestamp(\(\d\))? with(out)? time zone|time(\(\d\))? with(out)? time zone|interval.*)$/;

type Family = 'string' | 'number' | 'datetime' | 'boolean' | 'other';

function family(t: string): Family {
  if (STRING.test(t)) return 'string';
  if (NUMBER.test(t)) return 'number';
  if (DATETIME.test(t)) return 'datetime';
  if (t === 'boolean') return 'boolean';
  return 'other';
}

const isArray = (t: string): boolean => t.endsWith('[]');

/** Why no cast turns `from` into `to`, or null when one may exist. */
export function missingCast(from: string, to: string): string | null {
  if (from === to) return null;
  // Any type converts to and from a string type through its text form.
  if (family(from) === 'string' || family(to) === 'string') return null;
  if (isArray(from) !== isArray(to)) return `PostgreSQL has no cast from ${from} to ${to} (one is an array, the other is not)`;
  const [a, b] = [family(from), family(to)];
  const none = (a === 'number' && b === 'datetime') || (a === 'datetime' && b === 'number')
    || (a === 'boolean' && b === 'datetime') || (a === 'datetime' && b === 'boolean')
    || (a === 'boolean' && b === 'number' && to !== 'integer') || (a === 'number' && b === 'boolean' && from !== 'integer');
  return none ? `PostgreSQL has no cast from ${from} to ${to}` : null;
}
