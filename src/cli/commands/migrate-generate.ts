// `schemaguard migrate generate NAME`: the next up/down pair, from the difference between what
// migrations/ builds (on a throwaway database) and what the models declare. Afterwards
// `schemaguard check` passes, and the down restores the previous schema.
import { open, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { plan } from '../../plan/plan.js';
import { changesWithRenames, renameLabel } from '../../plan/renames.js';
import type { Plan } from '../../plan/types.js';
import type { Schema } from '../../schema/types.js';
import { diff } from '../../diff/index.js';
import { renderPlanSql, renderReverseSql } from '../../report/plan.js';
import { info, out, type CommandContext } from '../context.js';
import { loadModelsSchema, modelNamespaces, modelScope, resolveConfig } from '../models.js';
import { confirmRenames, parseRenameSpecs } from '../renames.js';
import { loadSource, ScratchServer } from '../sources.js';

export interface GenerateFlags {
  readonly rename?: string[];
  /** Write steps that delete data (drops, unconfirmed renames planned as drop + add) off a terminal. */
  readonly acceptDataLoss?: boolean;
}

/** The directive the migrate runner reads to run a file statement by statement, outside a transaction. */
export const NO_TRANSACTION = '-- schemaguard:no-transaction';

export async function generateCommand(ctx: CommandContext, name: string, flags: GenerateFlags): Promise<ExitCode> {
  const label = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!label) throw new UsageError(`migration name must contain letters or digits, not "${name}"`);
  const specs = parseRenameSpecs(flags.rename);
  const config = await resolveConfig(ctx);
  const models = await loadModelsSchema(ctx, config);
  const namespaces = modelNamespaces(config, models);
  const built = await loadSource({ kind: 'migrations' }, ctx, { migrationsDir: config.migrations }, new ScratchServer(ctx));
  const from = modelScope(built.schema, namespaces);
  const to = modelScope(models, namespaces);
  const confirmed = await confirmRenames(ctx, from, to, specs, true, parseRenameSpecs(config.renames));
  const changes = changesWithRenames(from, to, (c) => confirmed.has(renameLabel(c)));
  if (changes.length === 0) {
    info(ctx, 'nothing to generate: the migrations already build what the models declare');
    return ExitCode.Clean;
  }
  const p = plan(changes, { from, to });
  // Off a terminal nobody saw the prompt or the warnings: refuse rather than write SQL that
  // destroys data (issue 16). On a terminal the rename prompt above was the confirmation.
  if (!ctx.stdin.isTTY && !flags.acceptDataLoss) {
    const refusals = unconfirmedSteps(from, to, confirmed, p);
    if (refusals.length > 0) {
      for (const r of refusals) info(ctx, `schemaguard: ${r}`);
      info(ctx, `migrate generate: nothing written: ${refusals.length} step${refusals.length === 1 ? '' : 's'} would lose data; confirm each as named above`);
      return ExitCode.Drift;
    }
  }
  const number = await nextNumber(config.migrations);
  const base = `${number}_${label}`;
  const upPath = join(config.migrations, `${base}.up.sql`);
  const downPath = join(config.migrations, `${base}.down.sql`);
  await writeNew(upPath, upScript(p, base));
  await writeNew(downPath, downScript(p, base));
  const hazards = [...new Set(p.statements.flatMap((s) => s.hazards.map((h) => h.kind)))];
  out(ctx, `${relative(ctx.cwd, upPath)}\n${relative(ctx.cwd, downPath)}`);
  info(ctx, `generated ${p.statements.length} statement${p.statements.length === 1 ? '' : 's'} from ${changes.length} change${changes.length === 1 ? '' : 's'}${hazards.length ? ` (hazards: ${hazards.join(', ')}; see the comments)` : ''}`);
  return ExitCode.Clean;
}

/** One line per unconfirmed likely rename and per step with a deletes-data hazard, each naming the flag that accepts it. */
function unconfirmedSteps(from: Schema, to: Schema, confirmed: ReadonlySet<string>, p: Plan): string[] {
  const out: string[] = [];
  for (const c of diff(from, to)) {
    if ((c.kind !== 'RenameTable' && c.kind !== 'RenameColumn') || confirmed.has(renameLabel(c))) continue;
    const flag = c.kind === 'RenameTable' ? `${c.from.name}:${c.to.name}` : `${c.table.name}.${c.from.name}:${c.to.name}`;
    out.push(`likely rename ${renameLabel(c)} is unconfirmed: pass --rename ${flag} to rename, or --accept-data-loss to drop and add`);
  }
  for (const s of p.statements) {
    for (const h of s.hazards) if (h.kind === 'deletes-data') out.push(`${firstLine(s.sql)}: ${h.message}: pass --accept-data-loss to write it`);
  }
  return out;
}

function firstLine(sql: string): string {
  const line = sql.split('\n')[0]!;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function upScript(p: Plan, base: string): string {
  const outside = p.statements.some((s) => !s.transactional);
  const header = `${base}: generated by schemaguard migrate generate from the difference between migrations/ and the models.${outside ? '\nRuns statement by statement (CREATE INDEX CONCURRENTLY cannot run in a transaction).' : ''}`;
  return `${outside ? `${NO_TRANSACTION}\n` : ''}${renderPlanSql(p, header)}`;
}

function downScript(p: Plan, base: string): string {
  const body = renderReverseSql(p);
  const outside = /\bCONCURRENTLY\b/.test(body);
  return `${outside ? `${NO_TRANSACTION}\n` : ''}-- ${base} (down): undoes the up migration, last statement first.\n\n${body}`;
}

async function nextNumber(dir: string): Promise<string> {
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UsageError(`migrations directory ${dir} does not exist`);
  }
  const max = names.reduce((m, n) => Math.max(m, /^(\d+)_/.exec(n) ? Number(/^(\d+)_/.exec(n)![1]) : 0), 0);
  return String(max + 1).padStart(6, '0');
}

async function writeNew(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : (error as Error).message}`);
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
