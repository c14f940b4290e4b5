// Which migrations a run will apply or roll back: pure functions of the files, the history
// and the target, so the plan can be shown (dry run, confirmation) and then re-checked
// under the lock before anything runs.
import { ConfigError, UsageError } from '../errors.js';
import { compareVersions, type MigrationFile } from './files.js';
import type { AppliedMigration } from './integrity.js';

export type Target = { readonly to?: undefined; readonly step?: undefined } | { readonly to: string; readonly step?: undefined } | { readonly to?: undefined; readonly step: number };

/** `--to` and `--step` from raw flag values: exclusive, step a positive integer. */
export function parseTarget(to: string | undefined, step: string | undefined): Target {
  if (to !== undefined && step !== undefined) throw new UsageError('--to and --step cannot be used together');
  if (step !== undefined) {
    if (!/^\d+$/.test(step.trim()) || Number(step) < 1 || !Number.isSafeInteger(Number(step))) {
      throw new UsageError(`--step must be a positive integer, not ${JSON.stringify(step)}`);
    }
    return { step: Number(step) };
  }
  if (to !== undefined) {
    if (to.trim() === '') throw new UsageError('--to needs a migration name');
    return { to: to.trim() };
  }
  return {};
}

/** Find a file by full name (`000003_x`) or by version (`3`, `000003`). */
export function findFile(files: readonly MigrationFile[], ref: string): MigrationFile | undefined {
  const exact = files.find((f) => f.name === ref);
  if (exact) return exact;
  if (/^\d+$/.test(ref)) return files.find((f) => compareVersions(f.version, ref) === 0);
  return undefined;
}

/** Pending files to apply, in order. `--to NAME` ends with NAME applied. */
export function planUp(files: readonly MigrationFile[], applied: readonly AppliedMigration[], target: Target): MigrationFile[] {
  const done = new Set(applied.map((a) => a.name));
  const pending = files.filter((f) => !done.has(f.name));
  if (target.step !== undefined) return pending.slice(0, target.step);
  if (target.to !== undefined) {
    const file = findFile(files, target.to);
    if (!file) throw new UsageError(`unknown migration ${JSON.stringify(target.to)} for --to (no such file in the migrations directory)`);
    if (done.has(file.name)) return [];
    return pending.slice(0, pending.indexOf(file) + 1);
  }
  return pending;
}

/**
 * Applied migrations to roll back, newest first. Default one step; `--to 0` everything;
 * `--to NAME` ends with NAME the newest applied (NAME itself stays applied).
 */
export function planDown(files: readonly MigrationFile[], applied: readonly AppliedMigration[], target: Target): MigrationFile[] {
  const newestFirst = [...applied].sort((a, b) => compareVersions(b.version, a.version));
  let chosen: AppliedMigration[];
  if (target.to === '0') chosen = newestFirst;
  else if (target.to !== undefined) {
    const index = newestFirst.findIndex((a) => a.name === target.to || (/^\d+$/.test(target.to!) && compareVersions(a.version, target.to!) === 0));
    if (index === -1) {
      const file = findFile(files, target.to);
      throw new UsageError(
        file
          ? `--to ${JSON.stringify(target.to)}: ${file.name} is not applied, so it cannot be the target of a rollback`
          : `unknown migration ${JSON.stringify(target.to)} for --to (not applied, no such file)`,
      );
    }
    chosen = newestFirst.slice(0, index);
  } else {
    const step = target.step ?? 1;
    if (target.step === undefined && newestFirst.length === 0) return [];
    if (step > newestFirst.length) {
      throw new UsageError(`--step ${step}: only ${newestFirst.length} migration(s) are applied`);
    }
    chosen = newestFirst.slice(0, step);
  }
  const byName = new Map(files.map((f) => [f.name, f]));
  const result: MigrationFile[] = [];
  for (const a of chosen) {
    const file = byName.get(a.name);
    if (!file) throw new ConfigError(`cannot roll back ${a.name}: its files are missing from the migrations directory`);
    if (!file.downPath) throw new ConfigError(`cannot roll back ${a.name}: ${a.name}.down.sql is missing; nothing was rolled back`);
    result.push(file);
  }
  return result;
}
