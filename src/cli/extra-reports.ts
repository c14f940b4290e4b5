// `--report FORMAT=FILE` (repeatable): more reports of the same run, written to files, so that
// CI gets annotations on stdout, SARIF for code scanning and Markdown for the pull request
// from one audit or one check instead of three (each of which would build a scratch database
// or read the live one again).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { CommandContext } from './context.js';

export interface ReportSpec {
  readonly format: string;
  readonly path: string;
}

export function parseReportSpecs<F extends string>(specs: readonly string[] | undefined, formats: readonly F[]): (ReportSpec & { format: F })[] {
  return (specs ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    const format = eq > 0 ? spec.slice(0, eq) : '';
    const path = eq > 0 ? spec.slice(eq + 1) : '';
    if (!format || !path) throw new UsageError(`--report takes FORMAT=FILE (e.g. sarif=schemaguard.sarif), not "${spec}"`);
    if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--report ${spec}: unknown format "${format}" (expected one of: ${formats.join(', ')})`);
    return { format: format as F, path };
  });
}

export async function writeReports<F extends string>(ctx: CommandContext, specs: readonly { format: F; path: string }[], render: (format: F) => string | Promise<string>): Promise<void> {
  for (const s of specs) {
    const text = await render(s.format);
    try {
      await writeFile(resolve(ctx.cwd, s.path), text);
    } catch (error) {
      throw new UsageError(`cannot write ${s.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
