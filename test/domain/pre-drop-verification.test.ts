// 000014 drops the legacy tables only after proving, in the same transaction, that every
// legacy row is carried by the phase-centric layout. Corrupt what one row was moved into and
// the migration must fail, roll back, and leave every legacy table in place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksumTables, loadFixture } from '../../fixtures/index.js';
import { LEGACY_LEVEL, migrateUp } from '../support/apply-migrations.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const BEFORE_DROP = 13;
const DROP = 14;

describe('pre-drop verification (000014)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    // Loaded at the legacy level, then moved up to just before the drop.
    db = await createTestDatabase('sg_domain_verify');
    await migrateUp(db.sql, 0, LEGACY_LEVEL);
    await loadFixture(db.sql, { domains: 2_000, seed: 3 });
    await migrateUp(db.sql, LEGACY_LEVEL, BEFORE_DROP);
  }, 120_000);
  afterEach(async () => db?.dispose());

  async function legacyTablesPresent(): Promise<string[]> {
    const rows = await db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name in ('domain_generation_campaign_params', 'dns_validation_phases',
        'dns_validation_results', 'http_keyword_results', 'analysis_phases', 'event_store')
      order by 1`;
    return rows.map((r) => r.table_name);
  }

  it.each([
    ['a changed value inside a phase document', `UPDATE lead_generation_campaigns SET dns_results = jsonb_set(dns_results, '{state,processed_items}', '424242')
       WHERE id = (SELECT campaign_id FROM dns_validation_phases ORDER BY campaign_id LIMIT 1)`, /dns_validation_phases: 1 rows not carried over/],
    ['a configuration missing from its document', `UPDATE lead_generation_campaigns SET domains_data = domains_data - 'config'
       WHERE id = (SELECT campaign_id FROM domain_generation_campaign_params ORDER BY campaign_id LIMIT 1)`, /domain_generation_campaign_params: 1 rows not carried over/],
    ['JSON null turned into SQL NULL', `UPDATE lead_generation_campaigns SET analysis_results = analysis_results #- '{results,score_histogram}'
       WHERE id = (SELECT campaign_id FROM analysis_phases WHERE score_histogram = 'null'::jsonb ORDER BY campaign_id LIMIT 1)`, /analysis_phases: 1 rows not carried over/],
    ['a DNS result not folded into its domain', `UPDATE generated_domains SET dns_ip = 'x' || coalesce(dns_ip, '')
       WHERE id = (SELECT generated_domain_id FROM dns_validation_results ORDER BY 1 LIMIT 1)`, /dns_validation_results: 1 rows not carried over/],
    ['a domain claiming an HTTP result that does not exist', `UPDATE generated_domains SET http_checked_at = now()
       WHERE id = (SELECT id FROM generated_domains WHERE http_checked_at IS NULL ORDER BY id LIMIT 1)`, /http_keyword_results: 0 rows not carried over, 1 domains claiming a result/],
  ])('aborts on %s, and drops nothing', async (_what, corruption, message) => {
    await db.sql.unsafe(corruption);
    const before = await checksumTables(db.sql, ['domain_generation_campaign_params', 'dns_validation_phases', 'dns_validation_results', 'http_keyword_results', 'analysis_phases']);

    await expect(migrateUp(db.sql, BEFORE_DROP, DROP)).rejects.toThrow(message);

    expect(await legacyTablesPresent()).toEqual(['analysis_phases', 'dns_validation_phases', 'dns_validation_results', 'domain_generation_campaign_params', 'event_store', 'http_keyword_results']);
    expect(await checksumTables(db.sql, before.map((c) => c.table))).toEqual(before);
  });

  it('passes on the same data uncorrupted', async () => {
    await migrateUp(db.sql, BEFORE_DROP, DROP);
    expect(await legacyTablesPresent()).toEqual([]);
  });
});
