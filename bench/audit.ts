// `npm run bench -- audit`: the 1,000-table schema of bench/introspect.ts (built by its own
// builder), audited against models that declare the same tables, columns, keys and indexes.
// Times, as spawned processes from start to exit (median of 5 after a warm-up):
//   - `schemaguard audit --format json` (config + models loaded with jiti, introspect, diff, report),
//   - `schemaguard inspect --format json` (the baseline: introspection alone),
// and prints the ratio (target ≤ 1.3) and the number of findings (the 50 views are not
// modelled: they are the only findings expected, as info).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median, timeCli } from './spawn.js';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { buildDatabase } from './introspect.js';

// The compiled DSL (this file runs from dist/bench): loaded natively, as an installed package would be.
const DSL = fileURLToPath(new URL('../src/model/index.js', import.meta.url));
const RUNS = 5;
// Issue 15's target.
const TARGET_RATIO = 1.3;
const TABLES = 1000;

/** The models of bench/introspect.ts's tables, written with the DSL (generated in a loop). */
export function modelsSource(tables: number): string {
  return `import { t, table } from ${JSON.stringify(DSL)};
export const tables = Array.from({ length: ${tables} }, (_, k) => {
  const i = k + 1;
  return table('t' + i, {
    id: t.bigint().primaryKey(),
    c1: t.integer(),
    c2: t.text().notNull().default(''),
    c3: t.numeric(10, 2),
    c4: t.timestamptz().defaultNow(),
    c5: t.boolean(),
    c6: t.jsonb(),
    c7: t.varchar(100),
    c8: t.uuid(),
    c9: t.date(),
    c10: t.text().array(),
    c11: t.smallint(),
    c12: t.double(),
    c13: t.bytea(),
    c14: t.inet(),
    c15: t.interval(),
    c16: t.bigint().notNull().default(0),
    c17: t.real(),
    c18: t.char(3),
    parent_id: i > 1 ? t.bigint().references('t' + (i - 1), 'id', { name: 't' + i + '_parent_fk' }) : t.bigint(),
  }, { indexes: [{ name: 't' + i + '_parent_idx', columns: ['parent_id'] }] });
});
`;
}

export async function run(_args: readonly string[]): Promise<void> {
  const server = await startEmbedded();
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-audit-'));
  try {
    const admin = await connect(server.url);
    let url: string;
    try {
      const started = performance.now();
      url = await buildDatabase(admin, server.url, 'bench_audit', TABLES);
      process.stdout.write(`built ${TABLES} tables × 20 columns (bench/introspect.ts builder) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    writeFileSync(join(dir, 'models.ts'), modelsSource(TABLES));
    writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', schemas: ['public'] }));
    const auditArgs = ['audit', '--format', 'json', '--sample', '0', '--fail-on', 'never', '--db', url];
    const inspectArgs = ['inspect', '--format', 'json', '--db', url];
    const warm = await timeCli(auditArgs, dir);
    await timeCli(inspectArgs, dir);
    const audit: number[] = [];
    const inspect: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      inspect.push((await timeCli(inspectArgs, dir)).ms);
      audit.push((await timeCli(auditArgs, dir)).ms);
    }
    const doc = JSON.parse(warm.stdout) as { summary: { findings: number; critical: number; warning: number; info: number; declaredTables: number } };
    const a = median(audit);
    const b = median(inspect);
    const ratio = a / b;
    process.stdout.write(`\nmedian of ${RUNS} runs (wall clock, process start to exit):\n`);
    process.stdout.write(`  schemaguard audit   ${a.toFixed(0).padStart(6)} ms  (${doc.summary.declaredTables} declared tables; ${doc.summary.findings} findings: ${doc.summary.critical} critical, ${doc.summary.warning} warning, ${doc.summary.info} info — the unmodelled views)\n`);
    process.stdout.write(`  schemaguard inspect ${b.toFixed(0).padStart(6)} ms  (baseline: introspection alone)\n`);
    process.stdout.write(`\nratio audit/inspect at ${TABLES} tables: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'OK' : 'MISSED'}  [load ${loadavg().map((l) => l.toFixed(2)).join(' ')}]\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}
