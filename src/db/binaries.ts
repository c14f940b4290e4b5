// PostgreSQL server binaries of a given major release, for a scratch database that must
// deparse views, print defaults and order catalog output as the database it is compared with
// does. PostgreSQL 16 and later print a view's single-table columns without their qualifier:
// migrations applied on 18 and read back beside a 15 database look like drift otherwise.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultBinDir, serverVersion } from './launcher.js';

/** "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" → 15; 9.6 → 9. */
export function majorOf(versionText: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionText) ?? /^(\d+)/.exec(versionText.trim());
  return m ? Number(m[1]) : undefined;
}

/** server_version_num (150018) → 15. */
export function majorOfNum(num: number): number {
  return Math.floor(num / 10000);
}

/**
 * Where binaries of `major` are looked for, first hit wins: SCHEMAGUARD_PG_BINARIES_<major>,
 * SCHEMAGUARD_PG_BINARIES and the embedded server (when of that release), the version matrix
 * (npm run test:matrix installs it under .schemaguard/matrix), then the places distributions
 * and Homebrew install them.
 */
export function candidateBinDirs(major: number, env: NodeJS.ProcessEnv, cwd: string): string[] {
  const own = env[`SCHEMAGUARD_PG_BINARIES_${major}`];
  const dirs = [
    ...(own ? [own] : []),
    ...(env.SCHEMAGUARD_PG_BINARIES ? [env.SCHEMAGUARD_PG_BINARIES] : []),
    embeddedBinDir(),
    join(cwd, '.schemaguard', 'matrix', 'node_modules', `pg${major}`, 'native', 'bin'),
    `/usr/lib/postgresql/${major}/bin`,
    `/usr/pgsql-${major}/bin`,
    `/opt/homebrew/opt/postgresql@${major}/bin`,
    `/usr/local/opt/postgresql@${major}/bin`,
  ];
  return dirs.filter((d): d is string => Boolean(d)).filter((d, i, all) => all.indexOf(d) === i);
}

function embeddedBinDir(): string | undefined {
  try {
    return defaultBinDir();
  } catch {
    return undefined;
  }
}

/** The first directory holding a `postgres` and an `initdb` of release `major`, if any. */
export async function findServerBinaries(major: number, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  for (const dir of candidateBinDirs(major, env, cwd)) {
    try {
      await access(join(dir, 'postgres'));
      await access(join(dir, 'initdb'));
      if (majorOf(await serverVersion(dir)) === major) return dir;
    } catch {
      /* not there, or not runnable: the next place */
    }
  }
  return undefined;
}
