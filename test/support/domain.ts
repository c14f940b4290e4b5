// The worked example through the real CLI: this repository's migrations/ run by
// `schemaguard migrate`, its schemas/ audited by `schemaguard audit`, from the repository root.
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from './cli.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LEGACY_MIGRATION = '000007';
/** Outside public, which the models describe and the audit looks at. */
export const HISTORY_TABLE = 'schemaguard.migrations';

export function migrate(url: string, args: readonly string[]): Promise<CliResult> {
  return runCli(['migrate', ...args, '--db', url, '--history-table', HISTORY_TABLE], { cwd: REPO_ROOT, timeoutMs: 300_000 });
}

export interface AuditJson {
  summary: { findings: number; critical: number; warning: number; info: number; text: string };
  tables: { table: string; status: string; origin: string; findings: { id: string; rule: string; severity: string; object: string; message: string; confidence?: number; usage?: { rowCount: number } }[] }[];
}

export async function auditJson(url: string): Promise<{ code: number | null; report: AuditJson; stderr: string }> {
  const r = await runCli(['audit', '--db', url, '--format', 'json', '--fail-on', 'info'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
  let report: AuditJson;
  try {
    report = JSON.parse(r.stdout) as AuditJson;
  } catch {
    throw new Error(`audit printed no JSON (exit ${r.code}): ${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

/** Fail with the CLI's own words when a step that must succeed does not. */
export function ok(r: CliResult, what: string): CliResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.trim()}`);
  return r;
}
