import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { compileModels, enumType, t, table } from '../../src/model/index.js';
import { emptySchema, type Schema } from '../../src/schema/types.js';

const status = enumType('job_status_enum', ['pending', 'running', 'done']);
const jobType = enumType('job_type_enum', ['dns', 'http']);
const campaignType = enumType('campaign_type_enum', ['dns', 'http']);

function schema(...models: unknown[]): Schema {
  return compileModels(models).schema;
}

const campaigns = table('campaigns', { id: t.uuid().primaryKey(), name: t.text().notNull() });

describe('diff', () => {
  it('two equal schemas give no changes, in either direction', () => {
    const a = schema(campaigns, status);
    const b = schema(table('campaigns', { id: t.uuid().primaryKey(), name: t.text().notNull() }), status);
    expect(diff(a, b)).toEqual([]);
    expect(diff(b, a)).toEqual([]);
  });

  it('an empty schema against a full one adds every object, the reverse drops them', () => {
    const full = schema(campaigns, status);
    expect(diff(emptySchema(), full).map((c) => c.kind)).toEqual(['AddNamespace', 'AddEnum', 'AddTable']);
    expect(diff(full, emptySchema()).map((c) => c.kind)).toEqual(['DropTable', 'DropEnum', 'DropNamespace']);
  });

  it('ModifyColumn says what changed and carries both sides', () => {
    const a = schema(table('jobs', { id: t.uuid().primaryKey(), note: t.varchar(20), n: t.integer().notNull() }));
    const b = schema(table('jobs', { id: t.uuid().primaryKey(), note: t.text().notNull().default('x'), n: t.bigint().notNull() }));
    const changes = diff(a, b);
    expect(changes).toHaveLength(2);
    const note = changes.find((c) => c.kind === 'ModifyColumn' && c.to.name === 'note');
    expect(note).toMatchObject({
      kind: 'ModifyColumn',
      table: { schema: 'public', name: 'jobs' },
      from: { type: 'character varying(20)', notNull: false, default: null },
      to: { type: 'text', notNull: true, default: "'x'::text" },
      changes: { type: true, nullability: true, default: true, identity: false, generated: false, collation: false, comment: false },
    });
  });

  it('enum labels added in the target are listed with their position', () => {
    const a = schema(enumType('s', ['a', 'c']));
    const b = schema(enumType('s', ['a', 'b', 'c', 'd']));
    expect(diff(a, b)).toEqual([
      expect.objectContaining({ kind: 'ModifyEnum', added: [{ label: 'b', after: 'a' }, { label: 'd', after: 'c' }], removed: [], reordered: false }),
    ]);
    expect(diff(b, a)).toEqual([expect.objectContaining({ kind: 'ModifyEnum', added: [], removed: ['b', 'd'] })]);
  });

  it('seed 002: campaign_jobs columns under other names are renames, not drop + add', () => {
    const live = schema(
      campaignType,
      status,
      table('campaign_jobs', {
        id: t.uuid().primaryKey(),
        campaign_type: t.enumOf(campaignType).notNull(),
        status: t.enumOf(status).notNull(),
        payload: t.jsonb(),
        worker_id: t.text(),
        created_at: t.timestamptz().notNull().defaultNow(),
      }),
    );
    const models = schema(
      jobType,
      status,
      table('campaign_jobs', {
        id: t.uuid().primaryKey(),
        job_type: t.enumOf(jobType).notNull(),
        status: t.enumOf(status).notNull(),
        job_payload: t.jsonb(),
        processing_server_id: t.text(),
        business_status: t.varchar(50),
        last_attempted_at: t.timestamptz(),
        created_at: t.timestamptz().notNull().defaultNow(),
      }),
    );
    const changes = diff(live, models);
    const renames = changes.flatMap((c) => (c.kind === 'RenameColumn' ? [[c.from.name, c.to.name, c.confidence] as const] : []));
    expect(renames.map(([a, b]) => `${a}→${b}`).sort()).toEqual(['campaign_type→job_type', 'payload→job_payload', 'worker_id→processing_server_id']);
    for (const [, , confidence] of renames) expect(confidence).toBeGreaterThan(0.5);
    expect(changes.filter((c) => c.kind === 'AddColumn').map((c) => c.kind === 'AddColumn' && c.column.name).sort()).toEqual(['business_status', 'last_attempted_at']);
    expect(changes.filter((c) => c.kind === 'DropColumn')).toEqual([]);
    // the renamed enum column also changes type: reported against the new name
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'ModifyColumn', to: expect.objectContaining({ name: 'job_type' }), changes: expect.objectContaining({ type: true }) }));
    // payload → job_payload is the surest of the three
    const sure = Object.fromEntries(renames.map(([a, , c]) => [a, c]));
    expect(sure.payload).toBeGreaterThan(sure.worker_id!);
  });

  it('a lone missing column and a lone extra one of an incompatible type stay a drop and an add', () => {
    const a = schema(table('t', { id: t.uuid().primaryKey(), flag: t.boolean() }));
    const b = schema(table('t', { id: t.uuid().primaryKey(), started: t.timestamptz() }));
    expect(diff(a, b).map((c) => c.kind)).toEqual(['AddColumn', 'DropColumn']);
  });

  it('campaigns → lead_generation_campaigns is one likely table rename', () => {
    const cols = {
      id: t.uuid().primaryKey(),
      name: t.text().notNull(),
      user_id: t.uuid(),
      current_phase: t.text(),
      phase_status: t.text(),
      progress: t.numeric(5, 2),
    };
    const a = schema(table('campaigns', { ...cols, campaign_type: t.text(), status: t.text(), progress_percentage: t.numeric(5, 2) }));
    const b = schema(table('lead_generation_campaigns', { ...cols, domains_data: t.jsonb(), dns_results: t.jsonb() }));
    const changes = diff(a, b);
    expect(changes[0]).toMatchObject({ kind: 'RenameTable', from: { name: 'campaigns' }, to: { name: 'lead_generation_campaigns' } });
    expect((changes[0] as { confidence: number }).confidence).toBeGreaterThanOrEqual(0.5);
    expect(changes.some((c) => c.kind === 'AddTable' || c.kind === 'DropTable')).toBe(false);
    // the constraints follow the table under its new name, not as drift
    expect(changes.filter((c) => c.kind !== 'RenameTable').every((c) => 'table' in c && (c.table as { name: string }).name === 'lead_generation_campaigns')).toBe(true);
  });

  it('a known rename applies even when detection would not pair the tables', () => {
    const a = schema(table('x', { id: t.uuid().primaryKey() }));
    const b = schema(table('y', { id: t.uuid().primaryKey(), other: t.text() }));
    expect(diff(a, b).map((c) => c.kind)).toEqual(['AddTable', 'DropTable']);
    const changes = diff(a, b, { knownRenames: { tables: [{ from: { schema: 'public', name: 'x' }, to: { schema: 'public', name: 'y' } }] } });
    expect(changes[0]).toMatchObject({ kind: 'RenameTable', confidence: 1 });
  });

  it('a constraint named differently but defined the same is not drift', () => {
    const a = schema(table('u', { id: t.uuid().primaryKey(), email: t.text().unique('users_email_unique') }));
    const b = schema(table('u', { id: t.uuid().primaryKey(), email: t.text().unique() }));
    expect(diff(a, b)).toEqual([]);
  });

  it('indexes: missing, orphaned and changed', () => {
    const a = schema(table('g', { id: t.uuid().primaryKey(), c: t.uuid(), s: t.text() }, { indexes: [{ name: 'old_idx', columns: ['s'] }, { name: 'g_c', columns: ['c'] }] }));
    const b = schema(table('g', { id: t.uuid().primaryKey(), c: t.uuid(), s: t.text() }, { indexes: [{ name: 'new_idx', columns: ['c', 's'] }, { name: 'g_c', columns: ['c'], where: 's is not null' }] }));
    expect(diff(a, b).map((c) => `${c.kind}:${'index' in c ? c.index.name : 'to' in c ? (c.to as { name: string }).name : ''}`)).toEqual(['AddIndex:new_idx', 'ModifyIndex:g_c', 'DropIndex:old_idx']);
  });

  it('is deterministic: input order does not change the output', () => {
    const ms = [table('b', { id: t.uuid().primaryKey() }), table('a', { id: t.uuid().primaryKey() }), status, jobType];
    const x = schema(...ms);
    const y = schema(...[...ms].reverse());
    expect(diff(emptySchema(), x)).toEqual(diff(emptySchema(), y));
    expect(JSON.stringify(diff(x, emptySchema()))).toBe(JSON.stringify(diff(y, emptySchema())));
  });
});
