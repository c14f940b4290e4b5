// The fixture generator: deterministic per seed, and covering what the moves must handle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumTables, loadFixture } from '../../fixtures/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { LEGACY_MIGRATION, migrate, ok } from '../support/domain.js';

async function legacyDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('sg_domain_fixture');
  ok(await migrate(db.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
  return db;
}

describe('legacy fixture generator', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([legacyDatabase(), legacyDatabase()]);
    await loadFixture(a.sql, { domains: 4_000, seed: 11 });
  }, 180_000);
  afterAll(async () => Promise.all([a?.dispose(), b?.dispose()]));

  it('gives the same rows for the same seed and other rows for another seed', async () => {
    await loadFixture(b.sql, { domains: 4_000, seed: 11 });
    expect(await checksumTables(b.sql)).toEqual(await checksumTables(a.sql));
    await b.sql.unsafe('TRUNCATE users, personas, proxies, proxy_pools, keyword_sets, event_store, event_projections, campaigns CASCADE');
    await loadFixture(b.sql, { domains: 4_000, seed: 12 });
    const other = await checksumTables(b.sql, ['generated_domains', 'campaigns']);
    const same = await checksumTables(a.sql, ['generated_domains', 'campaigns']);
    expect(other.map((c) => c.rows)).toEqual(same.map((c) => c.rows));
    expect(other.map((c) => c.md5)).not.toEqual(same.map((c) => c.md5));
  });

  it('covers every campaign type × status, every phase and validation status, and the edge cases', async () => {
    const q = async (text: string) => (await a.sql.unsafe<{ v: string }[]>(text)).map((r) => r.v);
    expect((await q(`select distinct campaign_type || '/' || status as v from campaigns`)).length).toBe(4 * 9);
    expect(await q(`select distinct status::text as v from campaign_phases order by 1`)).toEqual(
      ['completed', 'configured', 'failed', 'in_progress', 'not_started', 'paused', 'ready']);
    expect(await q(`select distinct validation_status::text as v from dns_validation_results order by 1`)).toEqual(['error', 'invalid', 'pending', 'skipped', 'valid']);
    expect(await q(`select distinct validation_status::text as v from http_keyword_results order by 1`)).toEqual(['error', 'invalid', 'pending', 'skipped', 'valid']);
    expect(await q(`select distinct status::text as v from campaign_jobs order by 1`)).toEqual(['completed', 'failed', 'pending', 'queued', 'retry', 'running']);
    expect(await q(`select distinct pattern_type as v from domain_generation_campaign_params order by 1`)).toEqual(['both', 'prefix', 'suffix']);
    const [edges] = await a.sql<Record<string, number>[]>`
      select (select count(*) from campaigns c where not exists (select 1 from campaign_phases p where p.campaign_id = c.id))::int as no_phases,
             (select count(*) from campaigns c where not exists (select 1 from generated_domains d where d.campaign_id = c.id))::int as no_domains,
             (select count(*) from campaign_phases where status = 'failed')::int as failed_phases,
             (select count(*) from campaigns where current_phase is null)::int as null_phase,
             (select count(*) from http_keyword_campaign_params where ad_hoc_keywords = '{}')::int as empty_arrays,
             (select count(*) from dns_validation_campaign_params where metadata = 'null'::jsonb)::int as json_nulls,
             (select count(*) from dns_validation_campaign_params where metadata is null)::int as sql_nulls,
             (select count(*) from generated_domains where domain_name ~ '[^\\x01-\\x7f]')::int as unicode,
             (select count(*) from generated_domains g join dns_validation_results d on d.generated_domain_id = g.id
               where g.dns_status <> d.validation_status)::int as drifted_statuses`;
    for (const [edge, n] of Object.entries(edges!)) expect(n, edge).toBeGreaterThan(0);
  });

  it('rejects a negative size', async () => {
    await expect(loadFixture(a.sql, { domains: -1 })).rejects.toThrow('domains must be a non-negative integer');
  });
});
