import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { connect } from '../../db/connect.js';
import { ExitCode, UsageError } from '../../errors.js';
import { lintMigrations } from '../../lint/lint.js';
import { SEVERITY_RANK } from '../../lint/rules.js';
import { lintSummary, renderLint } from '../../report/lint.js';
import { info, out, type CommandContext } from '../context.js';
import type { LintFlags } from './lint.def.js';

export async function lintCommand(ctx: CommandContext, files: readonly string[], flags: LintFlags): Promise<ExitCode> {
  // Only an explicit --db: linting never connects to DATABASE_URL behind the user's back.
  const sql = ctx.global.db ? await connect(ctx.global.db, { applicationName: 'schemaguard lint' }) : undefined;
  if (sql) ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const result = await lintMigrations({
    files,
    migrationsDir: ctx.global.migrations ?? 'migrations',
    cwd: ctx.cwd,
    ...(sql ? { sql } : {}),
  });
  const text = renderLint(result, flags.format, ctx.color && !flags.out && flags.format === 'table', flags.out ? undefined : ctx.width);
  if (flags.out) {
    try {
      await writeFile(resolve(ctx.cwd, flags.out), text);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.out}: ${(error as Error).message}`);
    }
    info(ctx, lintSummary(result));
  } else {
    out(ctx, text);
  }
  if (flags.failOn === 'never') return ExitCode.Clean;
  const threshold = SEVERITY_RANK[flags.failOn];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? ExitCode.Drift : ExitCode.Clean;
}
