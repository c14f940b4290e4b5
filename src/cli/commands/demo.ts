// schemaguard demo: the worked example end to end on a throwaway server. A legacy
// lead-generation database (DOMAIN.md "before") is built by this repository's migrations and
// filled by the fixture generator, audited (the legacy findings), moved to the phase-centric
// layout by `migrate up`, and audited again (clean). Core functions are called directly.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditSchemas, scopeSchema, summaryLine, type AuditResult } from '../../audit/index.js';
import { collectJsonSamples, collectUsage } from '../../audit/collect.js';
import { loadModels } from '../../config/index.js';
import { connect, describeTarget } from '../../db/connect.js';
import { startEmbedded } from '../../db/embedded.js';
import { createScratchDatabase } from '../../db/scratch.js';
import { ExitCode, UsageError } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { migrateUp, type MigrateOptions } from '../../migrate/runner.js';
import { renderAudit } from '../../report/audit.js';
import { checksumTables, LEGACY_TABLES, loadFixture } from '../../../fixtures/index.js';
import { info, out, type CommandContext } from '../context.js';
import type { DemoFlags } from './demo.def.js';

/** The last migration of the legacy history; the moves come after it. */
export const LEGACY_MIGRATION = '000007';
/** Kept outside public, which is what the models describe and the audit looks at. */
const HISTORY = { schema: 'schemaguard', table: 'migrations' } as const;
const SCHEMAS = ['public'] as const;

/** The package root: where migrations/ and schemas/ ship, from src/ or dist/src/ alike. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new UsageError('cannot find the schemaguard package (its migrations/ directory) to run the demo from');
    dir = parent;
  }
  return dir;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function auditDatabase(url: string, modelsPath: string): Promise<AuditResult> {
  const models = await loadModels({ models: modelsPath, legacy: null });
  const sql = await connect(url, { max: 1 });
  try {
    const actual = scopeSchema(await introspect(sql, { schemas: [...SCHEMAS] }), SCHEMAS);
    const declared = new Set(models.schema.tables.map((t) => `${t.schema}.${t.name}`));
    const usage = await collectUsage(sql, actual.tables.filter((t) => !declared.has(`${t.schema}.${t.name}`)));
    const jsonSamples = await collectJsonSamples(sql, actual, models.jsonShapes, 1000);
    return auditSchemas({ actual, desired: scopeSchema(models.schema, SCHEMAS), legacy: models.legacy, usage, jsonSamples });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function parseCount(value: string, flag: string, max: number): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) > max) throw new UsageError(`${flag} must be a whole number up to ${count(max)}, not ${JSON.stringify(value)}`);
  return Number(value);
}

export async function demoCommand(ctx: CommandContext, flags: DemoFlags): Promise<ExitCode> {
  const domains = parseCount(flags.domains, '--domains', 50_000_000);
  const seed = parseCount(flags.seed, '--seed', 1_000_000_000);
  const root = packageRoot();
  const started = Date.now();
  const step = (text: string) => info(ctx, `\n▸ ${text}`);

  // The server: the embedded one, or a scratch database next to --db.
  let url: string;
  let stop: () => Promise<void>;
  if (ctx.global.db) {
    step(`creating a throwaway database on ${describeTarget(ctx.global.db)}`);
    const scratch = await createScratchDatabase(ctx.global.db, 'schemaguard_demo');
    url = scratch.url;
    stop = () => scratch.drop();
  } else {
    step('starting the embedded PostgreSQL server');
    const server = await startEmbedded();
    const scratch = await createScratchDatabase(server.url, 'leadgen');
    url = scratch.url;
    stop = () => server.stop();
  }
  let stopped = false;
  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    await stop();
  };
  ctx.onCleanup(cleanup);

  const migrate: MigrateOptions = {
    url,
    dir: join(root, 'migrations'),
    history: HISTORY,
    lockWaitMs: 10_000,
    lockTimeout: '5s',
    statementTimeout: '0',
    retries: 3,
    retryDelayMs: 1000,
    signal: ctx.signal,
    log: (line) => info(ctx, `  ${line.trim()}`),
  };

  step(`migrating to the legacy layout (up to ${LEGACY_MIGRATION})`);
  await migrateUp(migrate, { to: LEGACY_MIGRATION }, false);

  step(`loading the legacy fixture: ${count(domains)} generated domains, seed ${seed}`);
  const sql = await connect(url, { max: 1 });
  let legacyRows: number;
  let campaigns: number;
  try {
    const t = Date.now();
    ({ campaigns } = await loadFixture(sql, { domains, seed }));
    legacyRows = (await checksumTables(sql, LEGACY_TABLES)).reduce((sum, c) => sum + c.rows, 0);
    info(ctx, `  ${count(legacyRows)} rows in ${LEGACY_TABLES.length} tables (${count(campaigns)} campaigns) in ${seconds(Date.now() - t)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }

  const models = join(root, 'schemas', 'index.ts');
  step('audit of the legacy database against schemas/');
  const before = await auditDatabase(url, models);
  out(ctx, renderAudit('table', { result: before, target: describeTarget(url), failOn: 'never', failed: false, color: ctx.color, width: ctx.width }));

  step('migrate up: the phase-centric moves');
  const t = Date.now();
  const moved = await migrateUp(migrate, {}, false);
  const moveMs = Date.now() - t;

  step('audit after the move');
  const after = await auditDatabase(url, models);
  out(ctx, renderAudit('table', { result: after, target: describeTarget(url), failOn: 'critical', failed: after.totals.findings > 0, color: ctx.color, width: ctx.width }));

  const clean = after.totals.findings === 0;
  out(ctx, '');
  out(ctx, 'Summary');
  out(ctx, `  legacy database   ${count(legacyRows)} rows: ${count(campaigns)} campaigns, ${count(domains)} generated domains`);
  out(ctx, `  audit before      ${summaryLine(before)}`);
  out(ctx, `  migrate up        ${moved.done.length} migrations in ${seconds(moveMs)} (${moved.done.map((d) => d.name.slice(0, 6)).join(', ')})`);
  out(ctx, `  audit after       ${summaryLine(after)}`);
  out(ctx, `  total             ${seconds(Date.now() - started)}`);
  out(ctx, `  roll back with    schemaguard migrate down --to ${LEGACY_MIGRATION} --history-table ${HISTORY.schema}.${HISTORY.table}`);

  if (flags.keep) {
    out(ctx, `\nThe server keeps running: ${url}`);
    info(ctx, 'Press Ctrl-C to stop it and remove its files.');
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      // Nothing else may keep the event loop alive (with --db there is no server child).
      const alive = setInterval(() => undefined, 1 << 30);
      ctx.signal.addEventListener('abort', () => (clearInterval(alive), resolve()), { once: true });
    });
    await cleanup();
    return clean ? ExitCode.Clean : ExitCode.Drift;
  }
  await cleanup();
  info(ctx, ctx.global.db ? 'throwaway database dropped' : 'server stopped and its files removed');
  return clean ? ExitCode.Clean : ExitCode.Drift;
}
