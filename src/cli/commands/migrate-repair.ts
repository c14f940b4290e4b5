// `schemaguard migrate force VERSION` and `migrate repair`: rewrite the history by hand, after
// showing what changes and a confirmation that names the database (core: migrate/repair.ts).
import { isAbsolute, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createTwoFilesPatch } from 'diff';
import { ExitCode, UsageError } from '../../errors.js';
import { displayAudit } from '../../migrate/history-audit.js';
import { parseHistoryTable } from '../../migrate/history.js';
import { forceVersion, repairChecksums, type DatabaseName, type ForcePlan, type HistoryEditOptions, type RepairPlan } from '../../migrate/repair.js';
import { commentText } from '../../schema/quote.js';
import { info, out, type CommandContext } from '../context.js';
import { lockWaitMs, migrationsDir } from '../migrate-options.js';
import { requireDatabase } from '../database.js';

export interface HistoryEditFlags {
  readonly historyTable?: string;
  readonly lockWait?: string;
  readonly dryRun?: boolean;
  readonly yes?: boolean;
}

async function options(ctx: CommandContext, flags: HistoryEditFlags, what: 'force' | 'repair'): Promise<HistoryEditOptions> {
  // Refused before anything is read or connected, as migrate down does.
  const interactive = Boolean(ctx.stdin.isTTY && ctx.stderr.isTTY);
  if (!flags.dryRun && !flags.yes && !interactive) {
    throw new UsageError(`migrate ${what} rewrites the migration history: pass --yes to confirm when not on a terminal (or --dry-run to see what it would change)`);
  }
  return {
    url: requireDatabase(ctx),
    dir: await migrationsDir(ctx),
    history: parseHistoryTable(flags.historyTable),
    lockWaitMs: lockWaitMs(flags.lockWait),
    signal: ctx.signal,
    log: (line) => info(ctx, line),
  };
}

const named = (d: DatabaseName) => `database ${JSON.stringify(d.name)} (${d.where})`;

async function ask(ctx: CommandContext, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal: ctx.signal })).trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}

function forceLines(p: ForcePlan): string[] {
  return [
    `migrate force: the history of ${named(p.database)} is to record ${p.to === null ? 'no migration' : `exactly the migrations up to ${p.to}`}; the schema is not changed:`,
    ...p.record.map((n) => `  record ${n} as applied (it is not run)`),
    ...p.remove.map((n) => `  remove ${n} from the history (it is not rolled back)`),
  ];
}

export async function forceCommand(ctx: CommandContext, version: string, flags: HistoryEditFlags): Promise<ExitCode> {
  const opts = await options(ctx, flags, 'force');
  const confirm = async (p: ForcePlan) => {
    // Listed with --yes too: the log of an unattended run says what it rewrote.
    for (const line of forceLines(p)) info(ctx, line);
    return flags.yes ? true : ask(ctx, `Rewrite the history of ${JSON.stringify(p.database.name)}? [y/N] `);
  };
  const p = await forceVersion(opts, version, Boolean(flags.dryRun), confirm);
  const where = `the history of ${named(p.database)}`;
  if (p.record.length === 0 && p.remove.length === 0) {
    info(ctx, `nothing to force: ${where} already records ${p.to === null ? 'no migration' : `exactly the migrations up to ${p.to}`}`);
    return ExitCode.Clean;
  }
  if (flags.dryRun) {
    out(ctx, [...forceLines(p), '(dry run: nothing was changed)'].join('\n'));
    return ExitCode.Clean;
  }
  info(ctx, `forced ${where} to ${p.to ?? 'no migration'}: ${p.record.length} recorded without running, ${p.remove.length} removed without rolling back; audit row in ${displayAudit(opts.history)}`);
  return ExitCode.Clean;
}

function repairText(p: RepairPlan, cwd: string): string {
  const parts: string[] = [];
  for (const item of p.items) {
    const inside = relative(cwd, item.path);
    const shown = commentText(inside.startsWith('..') || isAbsolute(inside) ? item.path : inside);
    if (item.applied) {
      parts.push(createTwoFilesPatch(`${shown} (applied, git ${item.applied.commit})`, `${shown} (now)`, item.applied.text, item.current, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''));
    } else {
      parts.push(`${item.name}: the text that was applied is not known (the history keeps its checksum ${item.recorded.slice(0, 12)}…, and no git revision of ${shown} has it); the file now has checksum ${item.actual.slice(0, 12)}…\n`);
    }
  }
  return parts.join('\n');
}

export async function repairCommand(ctx: CommandContext, flags: HistoryEditFlags): Promise<ExitCode> {
  const opts = await options(ctx, flags, 'repair');
  const confirm = async (p: RepairPlan) => {
    // The diffs are the confirmation's subject: shown before the question (and with --yes), on stdout.
    out(ctx, repairText(p, ctx.cwd));
    return flags.yes ? true : ask(ctx, `Record the edited file${p.items.length === 1 ? '' : 's'} as applied in ${named(p.database)}? [y/N] `);
  };
  const p = await repairChecksums(opts, Boolean(flags.dryRun), confirm);
  for (const name of p.missing) info(ctx, `not repaired: ${name} is applied but its up file is missing (restore it, or remove its row with migrate force)`);
  if (p.items.length === 0) {
    info(ctx, `nothing to repair: every applied migration's up file in ${named(p.database)} matches its recorded checksum`);
    return ExitCode.Clean;
  }
  if (flags.dryRun) {
    out(ctx, `${repairText(p, ctx.cwd)}(dry run: nothing was changed)`);
    return ExitCode.Clean;
  }
  info(ctx, `repaired ${p.items.length} checksum${p.items.length === 1 ? '' : 's'} in ${named(p.database)}: ${p.items.map((i) => i.name).join(', ')}; audit row${p.items.length === 1 ? '' : 's'} in ${displayAudit(opts.history)}`);
  return ExitCode.Clean;
}
