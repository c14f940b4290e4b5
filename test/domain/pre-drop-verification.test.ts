// 000014 drops the legacy tables only after proving, in the same transaction, that every
// legacy row is carried by the phase-centric layout. Corrupt what one row was moved into and
// `migrate up` must exit 3, roll the migration back, and leave every legacy table in place.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksumTables, loadFixture } from '../../fixtures/index.js';
import { connect, type Sql } from '../../src/db/connect.js';
import { withDatabase } from '../../src/db/scratch.js';
import { quoteIdent } from '../../src/schema/quote.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { LEGACY_MIGRATION, migrate, ok } from '../support/domain.js';

const BEFORE_DROP = '000013';
const DROP = '000014';
const WATCHED = ['domain_generation_campaign_params', 'dns_validation_phases', 'dns_validation_results', 'http_keyword_results', 'analysis_phases', 'event_store'];

describe('pre-drop verification (000014)', () => {
  // One database loaded at the legacy level and moved up to just before the drop; each test
  // works on a copy of it (CREATE DATABASE … TEMPLATE).
  let template: TestDatabase;
  let db: { url: string; sql: Sql; name: string };
  beforeAll(async () => {
    template = await createTestDatabase('sg_domain_verify');
    ok(await migrate(template.url, ['up', '--to', LEGACY_MIGRATION]), 'migrate up to the legacy level');
    await loadFixture(template.sql, { domains: 2_000, seed: 3 });
    ok(await migrate(template.url, ['up', '--to', BEFORE_DROP]), 'migrate up to 000013');
    await template.sql.end({ timeout: 5 });
  }, 180_000);
  afterAll(async () => template?.drop());
  beforeEach(async () => {
    const name = `sg_domain_verify_${randomBytes(4).toString('hex')}`;
    const admin = await connect(adminUrl());
    try {
      await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template.name)}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const url = withDatabase(adminUrl(), name);
    db = { url, name, sql: await connect(url, { max: 2 }) };
  });
  afterEach(async () => {
    await db.sql.end({ timeout: 5 });
    const admin = await connect(adminUrl());
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(db.name)} WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });

  async function present(): Promise<string[]> {
    const rows = await db.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name = any(${WATCHED}) order by 1`;
    return rows.map((r) => r.table_name);
  }

  async function applied(): Promise<string[]> {
    const rows = await db.sql<{ name: string }[]>`select name from schemaguard.migrations order by name`;
    return rows.map((r) => r.name.slice(0, 6));
  }

  it.each([
    ['a changed value inside a phase document', `UPDATE lead_generation_campaigns SET dns_results = jsonb_set(dns_results, '{state,processed_items}', '424242')
       WHERE id = (SELECT campaign_id FROM dns_validation_phases ORDER BY campaign_id LIMIT 1)`, 'dns_validation_phases: 1 rows not carried over'],
    ['a configuration missing from its document', `UPDATE lead_generation_campaigns SET domains_data = domains_data - 'config'
       WHERE id = (SELECT campaign_id FROM domain_generation_campaign_params ORDER BY campaign_id LIMIT 1)`, 'domain_generation_campaign_params: 1 rows not carried over'],
    ['JSON null turned into SQL NULL', `UPDATE lead_generation_campaigns SET analysis_results = analysis_results #- '{results,score_histogram}'
       WHERE id = (SELECT campaign_id FROM analysis_phases WHERE score_histogram = 'null'::jsonb ORDER BY campaign_id LIMIT 1)`, 'analysis_phases: 1 rows not carried over'],
    ['a DNS result not folded into its domain', `UPDATE generated_domains SET dns_ip = 'x' || coalesce(dns_ip, '')
       WHERE id = (SELECT generated_domain_id FROM dns_validation_results ORDER BY 1 LIMIT 1)`, 'dns_validation_results: 1 rows not carried over'],
    ['a domain claiming an HTTP result that does not exist', `UPDATE generated_domains SET http_checked_at = now()
       WHERE id = (SELECT id FROM generated_domains WHERE http_checked_at IS NULL ORDER BY id LIMIT 1)`, 'http_keyword_results: 0 rows not carried over, 1 domains claiming a result'],
  ])('exits 3 on %s, rolled back, nothing dropped', async (_what, corruption, message) => {
    await db.sql.unsafe(corruption);
    const before = await checksumTables(db.sql, WATCHED);

    const r = await migrate(db.url, ['up', '--to', DROP]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('000014_drop_legacy_tables');
    expect(r.stderr).toContain(`pre-drop verification failed, nothing dropped: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    expect(await present()).toEqual([...WATCHED].sort());
    expect(await checksumTables(db.sql, WATCHED)).toEqual(before);
    expect((await applied()).at(-1)).toBe(BEFORE_DROP);
  });

  it('drops the legacy tables when nothing was corrupted', async () => {
    ok(await migrate(db.url, ['up', '--to', DROP]), 'migrate up to 000014');
    expect(await present()).toEqual([]);
    // The unused event store is archived, not destroyed.
    const [archived] = await db.sql<{ n: number }[]>`select count(*)::int as n from legacy_archive.event_store`;
    expect(archived!.n).toBeGreaterThan(0);
  });
});
