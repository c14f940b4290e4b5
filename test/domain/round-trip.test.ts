// The promise of the phase-centric move: up then down gives back every legacy row, byte for
// byte, and the same catalog. With the seeded fixture and with the edge cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumTables, loadEdgeCaseFixture, loadFixture, LEGACY_TABLES } from '../../fixtures/index.js';
import { HEAD_LEVEL, LEGACY_LEVEL, migrateDown, migrateUp } from '../support/apply-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { catalogFingerprint } from '../support/catalog.js';

describe.each([
  ['seeded fixture', (db: TestDatabase) => loadFixture(db.sql, { domains: 3_000, seed: 7 })],
  ['edge-case fixture', (db: TestDatabase) => loadEdgeCaseFixture(db.sql)],
])('round trip with the %s', (_name, load) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sg_domain_rt');
    await migrateUp(db.sql, 0, LEGACY_LEVEL);
    await load(db);
  });
  afterAll(async () => db?.dispose());

  it('restores every legacy row and the legacy catalog after up to head and down again', async () => {
    const before = await checksumTables(db.sql);
    const catalogBefore = await catalogFingerprint(db.sql);
    expect(before.find((t) => t.table === 'campaigns')!.rows).toBeGreaterThan(0);

    await migrateUp(db.sql, LEGACY_LEVEL, HEAD_LEVEL);
    const legacyLeft = await db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name = any(${LEGACY_TABLES as string[]})`;
    // At head only the kept tables remain in public.
    expect(legacyLeft.map((r) => r.table_name).sort()).toEqual(
      ['audit_logs', 'campaign_jobs', 'campaign_phases', 'generated_domains', 'keyword_rules', 'keyword_sets', 'personas',
        'proxies', 'proxy_pool_memberships', 'proxy_pools', 'user_sessions', 'users'].sort(),
    );

    await migrateDown(db.sql, HEAD_LEVEL, LEGACY_LEVEL);
    const after = await checksumTables(db.sql);
    expect(after).toEqual(before);
    expect(await catalogFingerprint(db.sql)).toEqual(catalogBefore);
  });
});
