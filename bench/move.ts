// `npm run bench -- move [--domains=N]`: the phase-centric move at the scale the seeds name.
// 2,000,000 generated domains across ~2,000 campaigns are loaded at the legacy level, copied,
// then moved twice in the same run:
//   - by `schemaguard migrate up` (the CLI, spawned under /usr/bin/time -v for its peak RSS),
//     whose fold of the result tables runs in key-range batches (000011);
//   - by a hand-written single-statement version of the same moves (the same files, with the
//     fold as one UPDATE), executed directly, as a DBA would from psql.
// A sampler on a separate connection polls pg_locks every few milliseconds and reports the
// longest time any statement held a lock that blocks writes to generated_domains or the
// campaigns table, and the longest transaction holding row locks on generated_domains.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModule, parseSync } from 'libpg-query';
import { checksumTables, loadFixture } from '../fixtures/index.js';
import { connect, type Sql } from '../src/db/connect.js';
import { startEmbedded } from '../src/db/embedded.js';
import { createScratchDatabase, withDatabase } from '../src/db/scratch.js';
import { migrateUp } from '../src/migrate/runner.js';
import { quoteIdent } from '../src/schema/quote.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = join(ROOT, 'migrations');
const CLI = join(ROOT, 'bin', 'schemaguard.js');
const HISTORY = 'schemaguard.migrations';
const BLOCKS_WRITES = new Set(['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock']);
const SAMPLE_MS = 10;

function flag(args: readonly string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`${name}=`));
  if (!hit) return fallback;
  const value = Number(hit.slice(name.length + 1));
  if (!Number.isSafeInteger(value) || value < 100) throw new Error(`${name} must be an integer of at least 100`);
  return value;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The fold of 000011 as one statement: the hand-written baseline. */
const SINGLE_STATEMENT_FOLD = `
WITH r AS (
  SELECT coalesce(d.generated_domain_id, h.generated_domain_id) AS id,
         d.generated_domain_id IS NOT NULL AS has_dns, h.generated_domain_id IS NOT NULL AS has_http,
         d.validation_status AS dns_status, d.resolved_ip, d.dns_records, d.validated_by_persona_id AS dns_persona_id,
         d.checked_at AS dns_checked_at,
         h.validation_status AS http_status, h.http_status_code, h.page_title, h.found_keywords,
         h.validated_by_persona_id AS http_persona_id, h.checked_at AS http_checked_at
  FROM dns_validation_results d
  FULL JOIN http_keyword_results h ON h.generated_domain_id = d.generated_domain_id
), archived AS (
  INSERT INTO legacy_archive.generated_domain_statuses (generated_domain_id, dns_status, http_status)
  SELECT gd.id, gd.dns_status::text, gd.http_status::text
  FROM generated_domains gd JOIN r ON r.id = gd.id
  WHERE (r.has_dns AND gd.dns_status <> r.dns_status) OR (r.has_http AND gd.http_status <> r.http_status)
  ON CONFLICT (generated_domain_id) DO NOTHING
)
UPDATE generated_domains gd
SET dns_status = CASE WHEN r.has_dns THEN r.dns_status ELSE gd.dns_status END,
    dns_ip = r.resolved_ip, dns_records = r.dns_records, dns_persona_id = r.dns_persona_id, dns_checked_at = r.dns_checked_at,
    http_status = CASE WHEN r.has_http THEN r.http_status ELSE gd.http_status END,
    http_status_code = r.http_status_code, http_title = r.page_title, http_keywords = r.found_keywords,
    http_persona_id = r.http_persona_id, http_checked_at = r.http_checked_at,
    business_status = CASE
      WHEN r.http_status = 'valid' AND coalesce(r.found_keywords NOT IN ('{}'::jsonb, '[]'::jsonb, 'null'::jsonb), false) THEN 'lead_candidate'
      WHEN r.http_status = 'valid' THEN 'valid_http'
      WHEN r.http_status = 'invalid' THEN 'invalid_http'
      WHEN r.http_status = 'error' THEN 'http_error'
      WHEN r.dns_status = 'valid' THEN 'valid_dns'
      WHEN r.dns_status = 'invalid' THEN 'invalid_dns'
      WHEN r.dns_status = 'error' THEN 'dns_error'
      WHEN r.dns_status = 'skipped' THEN 'skipped'
      ELSE 'pending'
    END
FROM r
WHERE gd.id = r.id`;

interface LockReport {
  /** Longest continuous hold of a write-blocking lock on a watched table. */
  blocking: { ms: number; what: string };
  /** Longest transaction holding row locks (RowExclusiveLock) on generated_domains. */
  rowLocks: { ms: number };
}

/** Poll pg_locks from another connection until stopped. */
async function startLockSampler(url: string, tables: readonly string[]): Promise<{ stop(): Promise<LockReport> }> {
  const sql = await connect(url, { max: 1, applicationName: 'bench move: lock sampler' });
  const [self] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const oids = new Map<string, string>();
  for (const t of tables) {
    const [row] = await sql<{ oid: string }[]>`select to_regclass(${t})::oid::text as oid`;
    if (row?.oid) oids.set(row.oid, t);
  }
  const spans = new Map<string, { first: number; last: number; what: string; kind: 'blocking' | 'row' }>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await sql<{ pid: number; rel: string; mode: string; vxid: string }[]>`
        select pid, relation::text as rel, mode, virtualtransaction as vxid from pg_locks
        where granted and locktype = 'relation' and relation::text = any(${[...oids.keys()]}) and pid <> ${self!.pid}`;
      const now = performance.now();
      for (const r of rows) {
        const kind = BLOCKS_WRITES.has(r.mode) ? 'blocking' : r.mode === 'RowExclusiveLock' && oids.get(r.rel) === 'generated_domains' ? 'row' : null;
        if (!kind) continue;
        const key = `${r.pid}|${r.rel}|${r.mode}|${r.vxid}`;
        const span = spans.get(key);
        if (span) span.last = now;
        else spans.set(key, { first: now, last: now, what: `${r.mode} on ${oids.get(r.rel)}`, kind });
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sql.end({ timeout: 5 });
      const report: LockReport = { blocking: { ms: 0, what: 'none seen' }, rowLocks: { ms: 0 } };
      for (const s of spans.values()) {
        // A span seen once lasted at most one sampling interval.
        const ms = s.last - s.first + SAMPLE_MS;
        if (s.kind === 'blocking' && ms > report.blocking.ms) report.blocking = { ms, what: s.what };
        if (s.kind === 'row' && ms > report.rowLocks.ms) report.rowLocks = { ms };
      }
      return report;
    },
  };
}

/** Run the CLI under /usr/bin/time -v (or poll VmHWM without it); resolve with wall time and peak RSS. */
function runCliMeasured(args: readonly string[]): Promise<{ code: number | null; ms: number; rssKb: number; stderr: string }> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const cmd = timeBin ?? process.execPath;
  const argv = timeBin ? ['-v', process.execPath, CLI, ...args] : [CLI, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let polledKb = 0;
    child.stdout.resume();
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      const lines = c.toString('utf8').split('\n').filter((l) => /^\s*(applied|notice: fold)/.test(l));
      for (const l of lines) process.stderr.write(`    ${l.trim()}\n`);
    });
    const poll = timeBin
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) polledKb = Math.max(polledKb, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const ms = performance.now() - started;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code, ms, rssKb: m ? Number(m[1]) : polledKb, stderr });
    });
  });
}

/** The same moves as migrations 000008-000015, with the fold as one statement. */
async function runSingleStatementMoves(sql: Sql): Promise<void> {
  await loadModule();
  const files = readdirSync(MIGRATIONS).filter((f) => /^0000(0[89]|1[0-5])_.*\.up\.sql$/.test(f)).sort();
  for (const file of files) {
    const text = file.startsWith('000011_') ? SINGLE_STATEMENT_FOLD : readFileSync(join(MIGRATIONS, file), 'utf8');
    if (!/^--\s*schemaguard:no-transaction/.test(text)) {
      await sql.begin((tx) => tx.unsafe(text));
      continue;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (const stmt of parseSync(text).stmts ?? []) {
      const start = stmt.stmt_location ?? 0;
      await sql.unsafe(bytes.subarray(start, start + (stmt.stmt_len ?? bytes.length - start)).toString('utf8'));
    }
  }
}

export async function run(args: readonly string[]): Promise<void> {
  const domains = flag(args, '--domains', 2_000_000);
  // The same generous settings for both variants: the comparison is about the moves.
  const server = await startEmbedded({ settings: { shared_buffers: '1GB', max_wal_size: '8GB', maintenance_work_mem: '256MB' } });
  try {
    const batched = await createScratchDatabase(server.url, 'move_batched');
    const noop = () => undefined;
    await migrateUp({
      url: batched.url, dir: MIGRATIONS, history: { schema: 'schemaguard', table: 'migrations' }, lockWaitMs: 10_000,
      lockTimeout: '5s', statementTimeout: '0', retries: 0, retryDelayMs: 0, signal: new AbortController().signal, log: noop,
    }, { to: '000007' }, false);
    let sql = await connect(batched.url, { max: 1 });
    let t = performance.now();
    const fixture = await loadFixture(sql, { domains, seed: 1 });
    const loadMs = performance.now() - t;
    const rows = (await checksumTables(sql)).reduce((n, c) => n + c.rows, 0);
    await sql.end({ timeout: 5 });
    process.stdout.write(`fixture: ${fmt(fixture.domains)} domains across ${fmt(fixture.campaigns)} campaigns, ${fmt(rows)} legacy rows, loaded in ${sec(loadMs)}\n`);

    const singleName = `move_single_${batched.name.slice(-10)}`;
    const admin = await connect(server.url, { max: 1 });
    await admin.unsafe(`CREATE DATABASE ${quoteIdent(singleName)} TEMPLATE ${quoteIdent(batched.name)}`);
    await admin.end({ timeout: 5 });
    const singleUrl = withDatabase(server.url, singleName);

    process.stdout.write('migrate up (CLI, batched fold):\n');
    let sampler = await startLockSampler(batched.url, ['campaigns', 'generated_domains']);
    const cli = await runCliMeasured(['migrate', 'up', '--db', batched.url, '--history-table', HISTORY]);
    const cliLocks = await sampler.stop();
    if (cli.code !== 0) throw new Error(`migrate up exited ${cli.code}: ${cli.stderr.split('\n').filter((l) => l.startsWith('schemaguard')).join(' ')}`);

    process.stdout.write('single-statement moves (same files, fold as one UPDATE):\n');
    sql = await connect(singleUrl, { max: 1, onNotice: noop });
    sampler = await startLockSampler(singleUrl, ['campaigns', 'generated_domains']);
    t = performance.now();
    await runSingleStatementMoves(sql);
    const singleMs = performance.now() - t;
    const singleLocks = await sampler.stop();
    const [singleCheck] = await sql<{ n: string }[]>`select count(*) filter (where business_status is not null)::text as n from generated_domains`;
    await sql.end({ timeout: 5 });
    sql = await connect(batched.url, { max: 1 });
    const [batchedCheck] = await sql<{ n: string }[]>`select count(*) filter (where business_status is not null)::text as n from generated_domains`;
    await sql.end({ timeout: 5 });
    if (singleCheck?.n !== batchedCheck?.n) throw new Error(`the two variants disagree: ${batchedCheck?.n} vs ${singleCheck?.n} domains with a business_status`);

    const ratio = cli.ms / singleMs;
    process.stdout.write(
      [
        '',
        `domains moved (with a result)                   ${fmt(Number(batchedCheck?.n))} in both variants`,
        `migrate up, CLI wall time (000008-000015)       ${sec(cli.ms)}`,
        `single-statement moves, same run                ${sec(singleMs)}`,
        `ratio batched / single                          ${ratio.toFixed(2)}   (target <= 0.9 on a quiet run, issue 15) ${ratio <= 0.9 ? 'OK' : 'MISSED'}  [load ${loadavg().map((l) => l.toFixed(2)).join(' ')}]`,
        `peak RSS of the CLI process                     ${(cli.rssKb / 1024).toFixed(0)} MB   (target < 200 MB)`,
        `longest write-blocking lock, batched            ${cliLocks.blocking.ms.toFixed(0)} ms (${cliLocks.blocking.what}; any migration, 000009's included: it held one for 808 ms before its documents were built first)`,
        `longest write-blocking lock, single-statement   ${singleLocks.blocking.ms.toFixed(0)} ms (${singleLocks.blocking.what})`,
        `longest row-locking transaction on generated_domains: batched ${sec(cliLocks.rowLocks.ms)}, single-statement ${sec(singleLocks.rowLocks.ms)}`,
        `(locks sampled every ${SAMPLE_MS} ms from pg_locks on a separate connection; tables: campaigns/lead_generation_campaigns, generated_domains)`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
  }
}
