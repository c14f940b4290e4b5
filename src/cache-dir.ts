// Where schemaguard keeps what it can rebuild (template data directories, compiled models):
// $XDG_CACHE_HOME/schemaguard, else ~/.cache/schemaguard. Everything under it is safe to delete.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schemaguard');
}
