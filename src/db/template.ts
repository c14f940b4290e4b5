// A cache of initialised PostgreSQL data directories, one per server version, locale and
// encoding, under $XDG_CACHE_HOME/schemaguard (else ~/.cache/schemaguard). The embedded server
// copies one (tens of milliseconds) instead of running initdb (about half a second on a quiet
// machine, several seconds on a loaded one), for every `check`, `demo` and test run.
//
// An entry is published whole or not at all: built in a staging directory and renamed into
// place, so processes starting at once never see a half-written one (the losers of the rename
// race just drop theirs). Each entry carries a manifest — every file with its size, the
// version, and a checksum of the manifest itself — checked before every use; an entry that
// does not match is moved aside and rebuilt.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyTree, listTree } from './tree.js';

export { cacheRoot } from '../cache-dir.js';

/** Bumped when the layout of an entry or the initdb flags change. */
const FORMAT = 3;
const MANIFEST = 'manifest.json';

export interface TemplateKey {
  /** `postgres --version` of the binaries, e.g. "postgres (PostgreSQL) 18.1". */
  readonly version: string;
  readonly locale: string;
  readonly encoding: string;
}

export interface TemplateManifest extends TemplateKey {
  readonly format: number;
  /** The `postgres` role's password in the template; each server replaces it at start. */
  readonly password: string;
  /** Every entry of the data directory: path and size, `-1` for a directory. */
  readonly files: ReadonlyArray<readonly [string, number]>;
}

/** The entry's directory name: readable, and nothing in the key can escape it. */
export function entryName(key: TemplateKey): string {
  const major = /\d+(\.\d+)?/.exec(key.version)?.[0] ?? 'unknown';
  const digest = createHash('sha256').update(JSON.stringify([FORMAT, key.version, key.locale, key.encoding])).digest('hex').slice(0, 12);
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `pg${safe(major)}-${safe(key.locale)}-${safe(key.encoding)}-${digest}`;
}

/** The major version as PostgreSQL writes it to PG_VERSION ("18", or "9.6" of old). */
export function majorOf(version: string): string {
  const m = /(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return '';
  return Number(m[1]) >= 10 ? m[1]! : `${m[1]}.${m[2] ?? '0'}`;
}

function checksum(manifest: TemplateManifest): string {
  return createHash('sha256').update(JSON.stringify(manifest)).digest('hex');
}

export interface CachedTemplate {
  /** The data directory to copy. */
  readonly dataDir: string;
  readonly manifest: TemplateManifest;
}

export type Verdict = { readonly ok: true; readonly template: CachedTemplate } | { readonly ok: false; readonly reason: string };

/** Check an entry against its manifest: the key, PG_VERSION, and every file with its size. */
export async function verifyEntry(entryDir: string, key: TemplateKey): Promise<Verdict> {
  let parsed: { manifest?: TemplateManifest; checksum?: string };
  try {
    parsed = JSON.parse(await readFile(join(entryDir, MANIFEST), 'utf8')) as typeof parsed;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'no manifest' : 'unreadable manifest' };
  }
  const manifest = parsed.manifest;
  if (!manifest || typeof parsed.checksum !== 'string' || checksum(manifest) !== parsed.checksum) return { ok: false, reason: 'manifest checksum mismatch' };
  if (manifest.format !== FORMAT) return { ok: false, reason: `format ${manifest.format}, expected ${FORMAT}` };
  for (const field of ['version', 'locale', 'encoding'] as const) {
    if (manifest[field] !== key[field]) return { ok: false, reason: `${field} ${manifest[field]}, expected ${key[field]}` };
  }
  const dataDir = join(entryDir, 'data');
  let pgVersion: string;
  try {
    pgVersion = (await readFile(join(dataDir, 'PG_VERSION'), 'utf8')).trim();
  } catch {
    return { ok: false, reason: 'no PG_VERSION' };
  }
  if (pgVersion !== majorOf(key.version)) return { ok: false, reason: `PG_VERSION ${pgVersion}, expected ${majorOf(key.version)}` };
  let present: Awaited<ReturnType<typeof listTree>>;
  try {
    present = await listTree(dataDir);
  } catch {
    return { ok: false, reason: 'unreadable data directory' };
  }
  if (present.length !== manifest.files.length) return { ok: false, reason: `${present.length} entries, manifest lists ${manifest.files.length}` };
  const sizes = await Promise.all(present.map((e) => (e.dir ? -1 : stat(join(dataDir, e.path)).then((s) => s.size, () => -2))));
  for (let i = 0; i < present.length; i++) {
    const [path, size] = manifest.files[i]!;
    if (present[i]!.path !== path) return { ok: false, reason: `unexpected ${present[i]!.path}` };
    if (sizes[i] !== size) return { ok: false, reason: `${path}: ${sizes[i]} bytes, manifest says ${size}` };
  }
  return { ok: true, template: { dataDir, manifest } };
}

/** The verified entry for `key`, or why there is none (missing, or moved aside as invalid). */
export async function lookupTemplate(root: string, key: TemplateKey): Promise<Verdict> {
  const entryDir = join(root, entryName(key));
  try {
    await stat(entryDir);
  } catch {
    return { ok: false, reason: 'not cached' };
  }
  const verdict = await verifyEntry(entryDir, key);
  if (!verdict.ok) await discardEntry(root, key);
  return verdict;
}

/** Move an entry out of the way (atomically) and delete it. Another process may beat us to it. */
export async function discardEntry(root: string, key: TemplateKey): Promise<void> {
  const aside = join(root, `.stale-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await rename(join(root, entryName(key)), aside);
  } catch {
    return;
  }
  await rm(aside, { recursive: true, force: true });
}

/**
 * Publish `freshDataDir` (just initialised by initdb, never started) as the entry for `key`.
 * Returns false when another process published first or the cache cannot be written; the
 * caller's server runs either way.
 */
export async function publishTemplate(root: string, key: TemplateKey, freshDataDir: string, password: string): Promise<boolean> {
  const staging = join(root, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(root, { recursive: true, mode: 0o700 });
    await sweepLeftovers(root);
    await mkdir(staging, { mode: 0o700 });
    // Ownership is kept as initdb left it (the postgres user when we run as root).
    await copyTree(freshDataDir, join(staging, 'data'));
    const entries = await listTree(join(staging, 'data'));
    const sizes = await Promise.all(entries.map((e) => (e.dir ? -1 : stat(join(staging, 'data', e.path)).then((s) => s.size))));
    const manifest: TemplateManifest = { format: FORMAT, ...key, password, files: entries.map((e, i) => [e.path, sizes[i]!] as const) };
    await writeFile(join(staging, MANIFEST), JSON.stringify({ manifest, checksum: checksum(manifest) }), { mode: 0o600 });
    await rename(staging, join(root, entryName(key)));
    return true;
  } catch {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
}

/** Staging and discarded directories of processes that died mid-way (older than 10 minutes). */
async function sweepLeftovers(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  const cutoff = Date.now() - 10 * 60_000;
  for (const name of names) {
    if (!name.startsWith('.build-') && !name.startsWith('.stale-')) continue;
    const dir = join(root, name);
    const s = await stat(dir).catch(() => undefined);
    if (s && s.mtimeMs < cutoff) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
