// Write migration files into a fresh temporary project and lint them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintMigrations, type LintOptions, type LintResult } from '../../src/lint/lint.js';

export interface Project {
  readonly dir: string;
  lint(options?: Partial<LintOptions>): Promise<LintResult>;
  remove(): Promise<void>;
}

/** Files under migrations/, name → SQL. A name without .sql gets `.up.sql` and an empty down beside it. */
export async function project(files: Record<string, string>): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), 'sg-lint-'));
  await mkdir(join(dir, 'migrations'));
  for (const [name, sql] of Object.entries(files)) {
    if (name.endsWith('.sql')) {
      await writeFile(join(dir, 'migrations', name), sql);
    } else {
      await writeFile(join(dir, 'migrations', `${name}.up.sql`), sql);
      await writeFile(join(dir, 'migrations', `${name}.down.sql`), '-- nothing to undo\nSELECT 1;\n');
    }
  }
  return {
    dir,
    lint: (options = {}) => lintMigrations({ files: [], migrationsDir: 'migrations', cwd: dir, ...options }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Lint a set of files and return the rule ids found, with their line, in order. Info findings
 * (type advice, "not analysed") only when `info` is set: a test of a lock rule should not
 * change because its fixture uses varchar(20).
 */
export async function ruleHits(files: Record<string, string>, options?: Partial<LintOptions> & { info?: boolean; only?: readonly string[] }): Promise<string[]> {
  const p = await project(files);
  try {
    const { info, only, ...lintOptions } = options ?? {};
    const result = await p.lint(lintOptions);
    return result.findings
      .filter((f) => (only ? only.includes(f.rule) : info || f.severity !== 'info'))
      .map((f) => `${f.rule}@${f.file.replace(/^migrations\//, '')}:${f.line}`);
  } finally {
    await p.remove();
  }
}
