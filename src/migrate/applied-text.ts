// The text a migration had when it was applied. The history keeps only its checksum, so the
// text is looked for where migrations live: the file's git history, newest first, the first
// revision whose checksum is the recorded one. Null when git is absent, the directory is not
// a repository, or no revision matches (the edit was never committed).
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { checksumOf } from './files.js';

export interface AppliedText {
  readonly text: string;
  /** The commit the text was found in (abbreviated). */
  readonly commit: string;
}

const MAX_REVISIONS = 200;

function git(cwd: string, args: readonly string[]): Promise<Buffer | null> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

export async function appliedText(path: string, checksum: string): Promise<AppliedText | null> {
  const cwd = dirname(path);
  const file = basename(path);
  const log = await git(cwd, ['log', `--max-count=${MAX_REVISIONS}`, '--format=%H', '--', file]);
  if (!log) return null;
  for (const commit of log.toString('utf8').split('\n').filter(Boolean)) {
    // `./name` is relative to cwd, wherever the repository root is.
    const bytes = await git(cwd, ['show', `${commit}:./${file}`]);
    if (!bytes) continue;
    const text = bytes.toString('utf8');
    if (checksumOf(text) === checksum) return { text, commit: commit.slice(0, 12) };
  }
  return null;
}
