// The baseline linter for `npm run bench -- lint`: squawk's native binary. It is not a
// devDependency: squawk-cli lists one optional package per platform, and the registry this
// project installs from holds only linux-x64's, so a lock file naming it breaks `npm ci`. The
// bench installs the platform package on first use into the user's cache, outside the project.
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

/** squawk's binary: $SQUAWK, else the cached platform package (installed now if absent). */
export async function squawkBinary(): Promise<string> {
  if (process.env.SQUAWK) return process.env.SQUAWK;
  const platform = `${process.platform === 'win32' ? 'win32' : process.platform}-${process.arch}`;
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'schemaguard', 'bench', `squawk-${VERSION}`);
  const bin = join(cache, 'node_modules', '@squawk-cli', platform, 'bin', process.platform === 'win32' ? 'squawk.exe' : 'squawk');
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    await installNpm(cache, `@squawk-cli/${platform}@${VERSION}`);
  }
  if (!existsSync(bin)) throw new Error(`squawk ${VERSION} has no binary for ${platform} (set SQUAWK=/path/to/squawk)`);
  return bin;
}
