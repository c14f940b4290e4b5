// The baseline linter for `npm run bench -- lint`: squawk as npm installs it (`squawk-cli`, a
// Node launcher that runs the platform's native binary), and that binary alone. It is not a
// devDependency: squawk-cli lists one optional package per platform and the registry this
// project installs from holds only linux-x64's, so a lock file naming it breaks `npm ci`. The
// bench installs it on first use into the user's cache, outside the project.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const VERSION = '2.66.0';

function installNpm(prefix: string, spec: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, spec], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install ${spec} failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`))));
  });
}

export interface Squawk {
  /** `squawk` as `npx squawk` runs it: the npm package's launcher (Node start-up included). */
  readonly npm: string;
  /** The native binary alone. */
  readonly binary: string;
}

/** squawk-cli in the cache (installed now if absent); $SQUAWK names another launcher. */
export async function squawk(): Promise<Squawk> {
  const platform = `${process.platform}-${process.arch}`;
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'schemaguard', 'bench', `squawk-cli-${VERSION}`);
  const npm = join(cache, 'node_modules', '.bin', 'squawk');
  const binary = join(cache, 'node_modules', '@squawk-cli', platform, 'bin', process.platform === 'win32' ? 'squawk.exe' : 'squawk');
  if (!existsSync(npm) || !existsSync(binary)) {
    mkdirSync(cache, { recursive: true });
    await installNpm(cache, `squawk-cli@${VERSION}`);
  }
  if (!existsSync(binary)) throw new Error(`squawk-cli ${VERSION} installed no binary for ${platform} (set SQUAWK=/path/to/squawk)`);
  return { npm: process.env.SQUAWK ?? npm, binary: process.env.SQUAWK ?? binary };
}
