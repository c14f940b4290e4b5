// Terminal output fits the terminal: `migrate status`, `inspect`, `audit` and `lint` run in a
// pseudo-terminal (util-linux `script`, sized with `stty cols`) at 80 and 120 columns. Every
// line fits; no row is ruled off; a long name is never split across lines (it is whole, or
// shortened with an ellipsis); a wider terminal uses its width. Snapshots pin the 80-column
// layout, with the run's times, durations, users and ports masked.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { onTerminal as runOnTerminal } from '../support/terminal.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));

// Names as long as a legacy schema has them.
const LONG_TABLE = 'generated_domains_dns_validation_results_legacy';
const MIGRATIONS: Record<string, string> = {
  '000001_create_generated_domains_dns_validation_results_legacy.up.sql': `create table ${LONG_TABLE} (id bigint primary key, job_payload jsonb, domain_name text not null, validated_at timestamptz);\n`,
  '000001_create_generated_domains_dns_validation_results_legacy.down.sql': `drop table ${LONG_TABLE};\n`,
  '000002_add_index_on_domain_name_for_lookup_by_customer_support.up.sql': `create index idx_generated_domains_dns_validation_domain_name on ${LONG_TABLE} (domain_name);\n`,
  '000002_add_index_on_domain_name_for_lookup_by_customer_support.down.sql': 'drop index idx_generated_domains_dns_validation_domain_name;\n',
  '000003_campaign_keyword_assignments_with_priority.up.sql':
    'create table campaign_keyword_assignments (campaign_id bigint not null, keyword_id bigint not null, priority_weight_for_rotation integer, primary key (campaign_id, keyword_id, priority_weight_for_rotation));\n',
  '000003_campaign_keyword_assignments_with_priority.down.sql': 'drop table campaign_keyword_assignments;\n',
};

const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};
export const legacy = table('${LONG_TABLE}', {
  id: t.bigint().primaryKey(),
  domain_name: t.text().notNull(),
  validated_at: t.timestamptz(),
  dns_validation_status_code_from_the_resolver: t.integer().notNull(),
});
export const assignments = table('campaign_keyword_assignments', {
  campaign_id: t.bigint().notNull(),
  keyword_id: t.bigint().notNull(),
  priority_weight_for_rotation: t.integer().notNull(),
}, { primaryKey: ['campaign_id', 'keyword_id', 'priority_weight_for_rotation'] });
`;

let db: TestDatabase;
let dir: string;

/** Run the CLI on a pseudo-terminal `cols` wide; the output as the terminal shows it. */
async function onTerminal(args: readonly string[], cols: number): Promise<{ code: number | null; text: string }> {
  const r = await runOnTerminal(args, { cwd: dir, cols, env: { DATABASE_URL: db.url } });
  return { code: r.code, text: r.text };
}

function expectFits(text: string, cols: number): void {
  const lines = text.split('\n');
  // The exception: lint's file:line:col location, which is an address and stays whole.
  for (const line of lines.filter((l) => !/^\S+:\d+:\d+$/.test(l))) expect([...line].length, JSON.stringify(line)).toBeLessThanOrEqual(cols);
  // No rules between rows, no box drawing.
  expect(text).not.toMatch(/[─│┼├┤┌┐└┘]/);
}

/**
 * A long name is whole or shortened with an ellipsis: a token that is the start of the name
 * without being all of it (a name wrapped mid-word) fails.
 */
function expectNeverSplit(text: string, name: string): void {
  for (const token of text.split(/[\s,()"]+/)) {
    const bare = token.replace(/^public\./, '').replace(/[:.]+$/, '');
    if (bare.length < 10 || bare.endsWith('…') || bare === name || !name.startsWith(bare)) continue;
    expect.fail(`"${token}" is ${name} cut in two`);
  }
}

function mask(text: string): string {
  // Any host or socket directory, any port, the scratch database's random name.
  return text.replace(/\S+:\d+\/sg_width_\w+/g, 'HOST:PORT/DB');
}

beforeAll(async () => {
  db = await createTestDatabase('sg_width');
  dir = mkdtempSync(join(tmpdir(), 'sg-width-'));
  mkdirSync(join(dir, 'migrations'));
  for (const [name, text] of Object.entries(MIGRATIONS)) writeFileSync(join(dir, 'migrations', name), text);
  writeFileSync(join(dir, 'models.ts'), MODELS);
  writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts' }));
  const up = await runCli(['migrate', 'up', '--db', db.url], { cwd: dir });
  expect(up.code).toBe(0);
  // Times, durations and who applied them, fixed: the snapshots are the same on every machine.
  await db.sql.unsafe(`update schemaguard_migrations set applied_at = '2026-12-01 09:00:00+00', execution_ms = 12, applied_by = 'deployer', client_host = 'ci-runner-01', client_addr = null`);
});

afterAll(async () => {
  await db?.dispose();
});

describe.each([
  ['migrate status', ['migrate', 'status'], 0],
  ['inspect', ['inspect'], 0],
  ['audit', ['audit', '--fail-on', 'never'], 0],
  ['lint', ['lint', '--fail-on', 'never'], 0],
] as const)('%s', (name, args, code) => {
  it('fits 80 columns through a pseudo-terminal, names whole or shortened with an ellipsis', async () => {
    const r = await onTerminal(args, 80);
    expect(r.code, r.text).toBe(code);
    expectFits(r.text, 80);
    expectNeverSplit(r.text, LONG_TABLE);
    expectNeverSplit(r.text, '000001_create_generated_domains_dns_validation_results_legacy');
    expect(mask(r.text)).toMatchSnapshot();
  });

  it('uses a 120-column terminal\'s width', async () => {
    const [narrow, wide] = await Promise.all([onTerminal(args, 80), onTerminal(args, 120)]);
    expectFits(wide.text, 120);
    const longest = (t: string) => Math.max(...t.split('\n').map((l) => [...l].length));
    expect(longest(wide.text), `${name} at 120`).toBeGreaterThan(80);
    expect(wide.text.split('\n').length).toBeLessThanOrEqual(narrow.text.split('\n').length);
  });
});

it('without a terminal, $COLUMNS decides, else 80', async () => {
  const wide = await runCli(['inspect', '--db', db.url], { cwd: dir, env: { COLUMNS: '200' } });
  expect(Math.max(...wide.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(80);
  const piped = await runCli(['inspect', '--db', db.url], { cwd: dir, env: { COLUMNS: undefined } });
  expectFits(piped.stdout, 80);
});
