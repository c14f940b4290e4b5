// pg-schema-diff style convergence, as data: build OLD in one database and NEW in another,
// introspect both, plan the difference, apply the plan to OLD: the diff against NEW must be
// empty. Then apply every reverse statement, last first: the diff against OLD must be empty.
import { quoteIdent } from '../../src/schema/quote.js';
import type { Sql } from '../../src/db/connect.js';
import { diff } from '../../src/diff/index.js';
import type { Change } from '../../src/diff/changes.js';
import { introspect } from '../../src/introspect/index.js';
import { plan } from '../../src/plan/plan.js';
import { changesWithRenames } from '../../src/plan/renames.js';
import type { HazardKind, Plan } from '../../src/plan/types.js';
import type { Schema } from '../../src/schema/types.js';

export interface ConvergenceCase {
  readonly name: string;
  readonly old: string;
  readonly new: string;
  /** Accept the renames the differ suspects (default true). */
  readonly renames?: boolean;
  /** Hazard kinds the plan must carry (at least these). */
  readonly hazards?: readonly HazardKind[];
  /** A statement of the plan must match each of these. */
  readonly expectSql?: readonly RegExp[];
  /** Rows to insert into OLD before the plan runs (proves the safe forms work on data). */
  readonly data?: string;
}

export interface CaseResult {
  readonly plan: Plan;
  readonly changes: readonly Change[];
  readonly afterUp: readonly Change[];
  readonly afterDown: readonly Change[];
  /** The two sides as introspected before the plan ran. */
  readonly from: Schema;
  readonly to: Schema;
}

/** Drop every user schema and extension, leaving an empty `public`. */
export async function resetDatabase(sql: Sql): Promise<void> {
  const rows = await sql<{ nspname: string }[]>`
    select nspname from pg_namespace
    where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp_%' and nspname not like 'pg_toast_temp_%'`;
  const ext = await sql<{ extname: string }[]>`select extname from pg_extension where extname <> 'plpgsql'`;
  for (const e of ext) await sql.unsafe(`DROP EXTENSION IF EXISTS ${quoteIdent(e.extname)} CASCADE`);
  for (const r of rows) await sql.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(r.nspname)} CASCADE`);
  // Default privileges for everywhere outlive the schemas: put back as a fresh database has them.
  const defaults = await sql<{ role: string; kind: string; grantee: string }[]>`
    select pg_get_userbyid(d.defaclrole)::text as role, d.defaclobjtype::text as kind,
           case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee)::text end as grantee
    from pg_default_acl d cross join lateral aclexplode(d.defaclacl) g where d.defaclnamespace = 0`;
  const WORDS: Record<string, [string, string | null]> = { r: ['TABLES', null], S: ['SEQUENCES', null], f: ['FUNCTIONS', 'EXECUTE'], T: ['TYPES', 'USAGE'], n: ['SCHEMAS', null] };
  for (const d of defaults) {
    const [word, forPublic] = WORDS[d.kind]!;
    const alter = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(d.role)}`;
    if (d.grantee !== d.role) await sql.unsafe(`${alter} REVOKE ALL ON ${word} FROM ${d.grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(d.grantee)}`);
    await sql.unsafe(`${alter} GRANT ALL ON ${word} TO ${quoteIdent(d.role)}`);
    if (forPublic) await sql.unsafe(`${alter} GRANT ${forPublic} ON ${word} TO PUBLIC`);
  }
  // As a fresh database has it, so that a scratch database built from migrations compares equal.
  await sql.unsafe("CREATE SCHEMA public AUTHORIZATION pg_database_owner; COMMENT ON SCHEMA public IS 'standard public schema'; GRANT USAGE ON SCHEMA public TO PUBLIC");
}

export async function applyPlan(sql: Sql, p: Plan): Promise<void> {
  for (const s of p.statements) await run(sql, s.sql);
}

export async function applyReverse(sql: Sql, p: Plan): Promise<void> {
  for (const s of [...p.statements].reverse()) for (const r of s.reverse) await run(sql, r);
}

async function run(sql: Sql, statement: string): Promise<void> {
  try {
    await sql.unsafe(statement);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n  while running: ${statement}`);
  }
}

export async function runCase(oldDb: Sql, newDb: Sql, c: ConvergenceCase): Promise<CaseResult> {
  await Promise.all([resetDatabase(oldDb), resetDatabase(newDb)]);
  if (c.old.trim()) await oldDb.unsafe(c.old);
  if (c.data) await oldDb.unsafe(c.data);
  if (c.new.trim()) await newDb.unsafe(c.new);
  const [from, to] = await Promise.all([introspect(oldDb), introspect(newDb)]);
  const changes = changesWithRenames(from, to, () => c.renames ?? true);
  const p = plan(changes, { from, to });
  await applyPlan(oldDb, p);
  const afterUp = diff(await introspect(oldDb), to, { detectRenames: false });
  let afterDown: Change[] = [];
  if (afterUp.length === 0) {
    await applyReverse(oldDb, p);
    afterDown = diff(await introspect(oldDb), from, { detectRenames: false });
  }
  return { plan: p, changes, afterUp, afterDown, from, to };
}

export function describeChanges(changes: readonly Change[]): string[] {
  return changes.map((c) => {
    const o = c as unknown as Record<string, { schema?: string; name?: string } | undefined>;
    if (c.kind === 'AddGrant' || c.kind === 'DropGrant') return `${c.kind} ${c.grant.privilege}${c.grant.grantable ? '+option' : ''} to ${c.grant.grantee} on ${c.target.kind} ${c.target.schema}.${c.target.name}`;
    const target = o.table ?? o.view ?? o.enum ?? o.domain ?? o.sequence ?? o.routine ?? o.to ?? o.namespace ?? o.extension ?? o.index;
    return `${c.kind} ${target?.schema ? `${target.schema}.` : ''}${target?.name ?? ''}`;
  });
}

export type { Schema };
