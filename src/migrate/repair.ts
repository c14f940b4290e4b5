// `migrate force VERSION` and `migrate repair`: the two ways to rewrite the history by hand
// (issue 16), after a half-run no-transaction file or a deliberate edit of an applied file.
//
// force (golang-migrate's `force`): the history records exactly the migrations up to VERSION;
//   files up to it not recorded are recorded (as baseline: not run), rows after it removed
//   (not rolled back). The schema is never touched.
// repair (Flyway's `repair`): each applied migration whose up file changed gets the file's
//   checksum, after the diff from the applied text (found in git) has been shown.
//
// Both show their plan and wait for a confirmation before taking the run lock; under the lock
// they plan again and stop if the history moved meanwhile; then one transaction rewrites the
// rows and writes an audit row (history-audit.ts).
import { connect, describeTarget } from '../db/connect.js';
import { ConfigError, MigrationFailedError, UsageError } from '../errors.js';
import { quoteLiteral } from '../schema/quote.js';
import { appliedText, type AppliedText } from './applied-text.js';
import { compareVersions, checksumOf, listMigrationFiles, readSqlFile, type MigrationFile } from './files.js';
import { auditDdl, displayAudit, insertAuditSql } from './history-audit.js';
import { deleteHistorySql, displayHistory, historyDdl, insertHistorySql, qualifiedHistory, readHistory, type HistoryState, type HistoryTable } from './history.js';
import { checkHistory } from './integrity.js';
import { acquireRunLock, assertNotPooled, lockGuardSql, sessionGuardSql, type HeldLock } from './lock.js';
import { findFile } from './plan.js';

export interface HistoryEditOptions {
  readonly url: string;
  readonly dir: string;
  readonly history: HistoryTable;
  readonly lockWaitMs: number;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
}

/** The database as the confirmation names it: its own name, and where it is. */
export interface DatabaseName {
  readonly name: string;
  readonly where: string;
}

export interface ForcePlan {
  readonly database: DatabaseName;
  /** The migration the history ends with afterwards; null: none (VERSION 0). */
  readonly to: string | null;
  /** Files up to VERSION not recorded: recorded as applied, not run. */
  readonly record: readonly string[];
  /** Rows after VERSION: removed from the history, not rolled back. */
  readonly remove: readonly string[];
}

export interface RepairItem {
  readonly name: string;
  readonly path: string;
  readonly recorded: string;
  readonly actual: string;
  /** The text that was applied (from git), or null when it cannot be found. */
  readonly applied: AppliedText | null;
  readonly current: string;
}

export interface RepairPlan {
  readonly database: DatabaseName;
  readonly items: readonly RepairItem[];
  /** Applied migrations whose up file is gone: repair leaves them (force removes rows). */
  readonly missing: readonly string[];
}

export type Confirm<P> = (plan: P) => Promise<boolean>;

/** Plan, confirm, then apply under the lock. `confirm` is not called when there is nothing to do. */
export async function forceVersion(opts: HistoryEditOptions, version: string, dryRun: boolean, confirm: Confirm<ForcePlan>): Promise<ForcePlan> {
  const files = listMigrationFiles(opts.dir);
  const ref = version.trim();
  let target: MigrationFile | null = null;
  if (!/^0+$/.test(ref)) {
    target = findFile(files, ref) ?? null;
    if (!target) throw new UsageError(`unknown migration ${JSON.stringify(version)} for migrate force (no such file in the migrations directory; 0 means none applied)`);
  }
  const sums = new Map<string, string>();
  const sumOf = (f: MigrationFile) => sums.get(f.name) ?? sums.set(f.name, checksumOf(readSqlFile(f.upPath))).get(f.name)!;
  const planFor = (database: DatabaseName, state: HistoryState): ForcePlan => {
    const applied = new Set(state.applied.map((a) => a.name));
    const upTo = (v: string) => target !== null && compareVersions(v, target.version) <= 0;
    return {
      database,
      to: target?.name ?? null,
      record: files.filter((f) => upTo(f.version) && !applied.has(f.name)).map((f) => f.name),
      remove: state.applied.filter((a) => !upTo(a.version)).map((a) => a.name),
    };
  };
  return edit(opts, 'force', planFor, (p) => p.record.length === 0 && p.remove.length === 0, dryRun, confirm, (p) => {
    const byName = new Map(files.map((f) => [f.name, f]));
    return [
      ...p.remove.map((name) => deleteHistorySql(opts.history, name)),
      ...p.record.map((name) => {
        const f = byName.get(name)!;
        return insertHistorySql(opts.history, { name, version: f.version, checksum: sumOf(f), executionMs: 0, baseline: true });
      }),
      insertAuditSql(opts.history, { action: 'force', migration: p.to, detail: { to: p.to, recorded: p.record, removed: p.remove } }),
    ];
  });
}

export async function repairChecksums(opts: HistoryEditOptions, dryRun: boolean, confirm: Confirm<RepairPlan>): Promise<RepairPlan> {
  const files = listMigrationFiles(opts.dir);
  const current = new Map(files.map((f) => [f.name, readSqlFile(f.upPath)]));
  const texts = new Map<string, AppliedText | null>();
  const planFor = async (database: DatabaseName, state: HistoryState): Promise<RepairPlan> => {
    const problems = checkHistory(state.applied, files.map((f) => ({ name: f.name, version: f.version, checksum: checksumOf(current.get(f.name)!) })));
    const items: RepairItem[] = [];
    for (const p of problems) {
      if (p.kind !== 'checksum-mismatch') continue;
      const f = files.find((x) => x.name === p.name)!;
      const key = `${p.name}|${p.recorded}`;
      if (!texts.has(key)) texts.set(key, await appliedText(f.upPath, p.recorded));
      items.push({ name: p.name, path: f.upPath, recorded: p.recorded, actual: p.actual, applied: texts.get(key)!, current: current.get(p.name)! });
    }
    return { database, items, missing: problems.filter((p) => p.kind === 'missing-file').map((p) => p.name) };
  };
  return edit(opts, 'repair', planFor, (p) => p.items.length === 0, dryRun, confirm, (p) => p.items.flatMap((item) => [
    updateChecksumSql(opts.history, item.name, item.recorded, item.actual),
    insertAuditSql(opts.history, { action: 'repair', migration: item.name, detail: { checksum: { from: item.recorded, to: item.actual }, appliedTextFrom: item.applied?.commit ?? null } }),
  ]));
}

/** UPDATE that fails (rolling everything back) unless exactly the row with the old checksum changed. */
function updateChecksumSql(h: HistoryTable, name: string, from: string, to: string): string {
  return `WITH fixed AS (UPDATE ${qualifiedHistory(h)} SET checksum = ${quoteLiteral(to)} WHERE name = ${quoteLiteral(name)} AND checksum = ${quoteLiteral(from)} RETURNING 1)
SELECT (CASE WHEN count(*) = 1 THEN '1' ELSE 'schemaguard-history-row-changed' END)::integer FROM fixed`;
}

async function edit<P>(
  opts: HistoryEditOptions,
  what: 'force' | 'repair',
  planFor: (database: DatabaseName, state: HistoryState) => P | Promise<P>,
  empty: (plan: P) => boolean,
  dryRun: boolean,
  confirm: Confirm<P>,
  statements: (plan: P) => string[],
): Promise<P> {
  const sql = await connect(opts.url, { max: 1, applicationName: `schemaguard migrate ${what}` });
  let lock: HeldLock | undefined;
  try {
    const [me] = await sql<{ pid: number; db: string }[]>`select pg_backend_pid() as pid, current_database() as db`;
    const database = { name: me!.db, where: describeTarget(opts.url) };
    const first = await planFor(database, await readHistory(sql, opts.history));
    if (dryRun || empty(first)) return first;
    if (!(await confirm(first))) throw new ConfigError(`migrate ${what} cancelled: nothing was changed`);
    lock = await acquireRunLock(opts.url, opts.history, { waitMs: opts.lockWaitMs, signal: opts.signal, log: opts.log });
    await assertNotPooled(opts.url, sql, me!.pid, lock);
    // The history may have moved while we waited: what was confirmed must still be what is done.
    const plan = await planFor(database, await readHistory(sql, opts.history));
    if (JSON.stringify(plan) !== JSON.stringify(first)) {
      throw new ConfigError(`the history changed while waiting for the lock; nothing was changed, run migrate ${what} again`);
    }
    const body = ['BEGIN', sessionGuardSql(me!.pid), historyDdl(opts.history), auditDdl(opts.history), lockGuardSql(lock), ...statements(plan), 'COMMIT'];
    try {
      await sql.unsafe(body.join(';\n'));
    } catch (error) {
      await sql.unsafe('ROLLBACK').catch(() => undefined);
      const message = (error as Error).message;
      // The guards' markers (a failed integer cast) as what they mean.
      if (message.includes('schemaguard-audit-table-not-ours')) throw new ConfigError(`${displayAudit(opts.history)} exists but is not a schemaguard audit table; nothing was changed (choose another --history-table, or rename that table)`);
      if (message.includes('schemaguard-lock-lost')) throw new MigrationFailedError(`migrate ${what} lost the run lock before it committed; nothing was changed, run it again`);
      if (/schemaguard-history-row-(changed|missing)/.test(message)) throw new MigrationFailedError(`a row of ${displayHistory(opts.history)} changed under the lock; nothing was changed, run migrate ${what} again`);
      throw new MigrationFailedError(`migrate ${what} failed and was rolled back, the history is unchanged: ${message}`);
    }
    return plan;
  } finally {
    await lock?.release();
    await sql.end({ timeout: 2 }).catch(() => undefined);
  }
}
