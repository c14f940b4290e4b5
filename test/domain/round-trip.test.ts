// The promise of the phase-centric move: up to head gives a database the models describe
// exactly (audit: zero findings), and down again gives back every legacy row, byte for byte,
// and the same catalog. With the seeded fixture and with the edge cases. Migrations run through
// `schemaguard migrate`, the audit through `schemaguard audit`: the user's path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumTables, loadEdgeCaseFixture, loadFixture, LEGACY_TABLES } from '../../fixtures/index.js';
import { catalogFingerprint } from '../support/catalog.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { auditJson, LEGACY_MIGRATION, migrate, ok } from '../support/domain.js';

const KEPT_TABLES = ['audit_logs', 'campaign_jobs', 'campaign_phases', 'generated_domains', 'keyword_rules', 'keyword_sets', 'personas',
  'proxies', 'proxy_pool_memberships', 'proxy_pools', 'user_sessions', 'users'];

describe.each([
  ['seeded fixture', (db: TestDatabase) => loadFixture(db.sql, { domains: 3_000, seed: 7 })],
  ['edge-case fixture', (db: TestDatabase) => loadEdgeCaseFixture(db.sql)],
])('round trip with the %s', (_name, load) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sg_domain_rt');
    ok(await migrate(db.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
    await load(db);
  }, 120_000);
  afterAll(async () => db?.dispose());

  it('reaches a head the audit finds clean, and comes back with every legacy row and the legacy catalog', async () => {
    const before = await checksumTables(db.sql);
    const catalogBefore = await catalogFingerprint(db.sql);
    expect(before.find((t) => t.table === 'campaigns')!.rows).toBeGreaterThan(0);

    ok(await migrate(db.url, ['up']), 'migrate up');
    const publicTables = await db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public' order by 1`;
    expect(publicTables.map((r) => r.table_name)).toEqual([...KEPT_TABLES, 'lead_generation_campaigns'].sort());
    const { code, report } = await auditJson(db.url);
    expect(report.summary.text).toBe('no drift: 13 declared tables match the database');
    expect(report.summary.findings).toBe(0);
    expect(code).toBe(0);
    // The documents are really there (the audit validated them against their zod shapes).
    const [docs] = await db.sql<{ n: number }[]>`select count(*)::int as n from lead_generation_campaigns where domains_data is not null`;
    expect(docs!.n).toBeGreaterThan(0);

    ok(await migrate(db.url, ['down', '--to', LEGACY_MIGRATION, '--yes']), 'migrate down to the legacy level');
    const after = await checksumTables(db.sql);
    expect(after).toEqual(before);
    expect(await catalogFingerprint(db.sql)).toEqual(catalogBefore);
    expect(after.map((t) => t.table)).toEqual([...LEGACY_TABLES]);
  });
});
