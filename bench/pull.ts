// `npm run bench -- pull`: `schemaguard pull` of the 1,000-table schema of bench/introspect.ts
// against `schemaguard inspect --format json` of the same database (the baseline: pull is
// introspection plus writing the models), median of 5 spawned runs after a warm-up. Also
// audits the pulled models once and prints the findings (only the 50 unmodelled views, info).
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeCli } from './spawn.js';
import { connect } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { buildDatabase } from './introspect.js';

const DSL = fileURLToPath(new URL('../src/model/index.js', import.meta.url));
const RUNS = 5;
const TABLES = 1000;

export async function run(_args: readonly string[]): Promise<void> {
  const server = await startEmbedded();
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-pull-'));
  try {
    const admin = await connect(server.url);
    let url: string;
    try {
      url = await buildDatabase(admin, server.url, 'bench_pull', TABLES);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const pullArgs = ['pull', '--db', url, '--out', 'models', '--force', '--import-from', DSL];
    const inspectArgs = ['inspect', '--format', 'json', '--db', url];
    await timeCli(pullArgs, dir);
    await timeCli(inspectArgs, dir);
    const pull: number[] = [];
    const inspect: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      inspect.push((await timeCli(inspectArgs, dir)).ms);
      pull.push((await timeCli(pullArgs, dir)).ms);
    }
    const bytes = readdirSync(join(dir, 'models')).reduce((n, f) => n + statSync(join(dir, 'models', f)).size, 0);
    writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models/index.ts', schemas: ['public'] }));
    const audit = await timeCli(['audit', '--format', 'json', '--sample', '0', '--fail-on', 'never', '--db', url], dir);
    const s = (JSON.parse(audit.stdout) as { summary: { findings: number; critical: number; warning: number; info: number } }).summary;
    const a = median(pull);
    const b = median(inspect);
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    process.stdout.write(`median of ${RUNS} runs (wall clock, process start to exit), ${TABLES} tables × 20 columns:\n`);
    process.stdout.write(`  schemaguard pull    ${a.toFixed(0).padStart(6)} ms  (${(bytes / 1024).toFixed(0)} KiB of models written)\n`);
    process.stdout.write(`  schemaguard inspect ${b.toFixed(0).padStart(6)} ms  (baseline: --format json)\n`);
    process.stdout.write(`ratio pull/inspect: ${(a / b).toFixed(2)}\n`);
    process.stdout.write(`audit of the pulled models: ${s.findings} findings (${s.critical} critical, ${s.warning} warning, ${s.info} info)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}
