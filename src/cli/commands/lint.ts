import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { lintMigrations } from '../../lint/lint.js';
import { preloadParser } from './lint-preload.js';
import { SEVERITY_RANK } from '../../lint/rules.js';
import { hasConfigFile } from '../../config/files.js';
import { info, out, type CommandContext } from '../context.js';
import type { LintFlags } from './lint.def.js';
import { defaultFormat, isCiFormat } from '../../report/formats.js';

export async function lintCommand(ctx: CommandContext, files: readonly string[], flags: LintFlags): Promise<ExitCode> {
  // libpg-query: Liftoff only, compiled while the config and the directory are read (lint-preload.ts).
  const parser = preloadParser();
  // The config's `migrations` (and lint settings); --migrations overrides it. Without a config
  // file the defaults apply, and the config's parser is not loaded (start-up time).
  const config = hasConfigFile(ctx.cwd, ctx.global.config)
    ? await (await import('../../config/config.js')).loadConfig(ctx.cwd, ctx.global)
    : { migrations: resolve(ctx.cwd, ctx.global.migrations ?? 'migrations'), lintAssumeNoTransaction: false };
  // Only an explicit --db: linting never connects to DATABASE_URL behind the user's back.
  let sql: import('../../db/connect.js').Sql | undefined;
  if (ctx.global.db) {
    const { connect } = await import('../../db/connect.js');
    const opened = await connect(ctx.global.db, { applicationName: 'schemaguard lint' });
    sql = opened;
    ctx.onCleanup(() => opened.end({ timeout: 5 }));
  }
  await parser;
  const result = await lintMigrations({
    files,
    migrationsDir: config.migrations,
    cwd: ctx.cwd,
    assumeNoTransaction: flags.assumeNoTransaction === true || config.lintAssumeNoTransaction,
    ...(sql ? { sql } : {}),
  });
  const format = flags.format ?? defaultFormat(ctx.env, 'table');
  let text: string;
  if (isCiFormat(format)) {
    const { renderLintCi } = await import('../../report/lint-ci.js');
    text = renderLintCi(result, format);
  } else if (format === 'json') {
    const { renderLintJson } = await import('../../report/lint-json.js');
    text = renderLintJson(result);
  } else {
    const { renderLint } = await import('../../report/lint.js');
    text = renderLint(result, format, ctx.color && !flags.out && format === 'table', flags.out ? undefined : ctx.width);
  }
  if (flags.out) {
    try {
      await writeFile(resolve(ctx.cwd, flags.out), text);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.out}: ${(error as Error).message}`);
    }
    const { lintSummary } = await import('../../report/lint.js');
    info(ctx, lintSummary(result));
  } else {
    out(ctx, text);
  }
  // A file migrate would refuse is bad input (exit 2), named on stderr too; the report above
  // still covers every other file.
  const first = result.unreadable[0];
  if (first) {
    const more = result.unreadable.length > 1 ? ` (and ${result.unreadable.length - 1} more file${result.unreadable.length > 2 ? 's' : ''})` : '';
    info(ctx, `schemaguard: ${first.error}${more}`);
    return ExitCode.Usage;
  }
  if (flags.failOn === 'never') return ExitCode.Clean;
  const threshold = SEVERITY_RANK[flags.failOn];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? ExitCode.Drift : ExitCode.Clean;
}
