// The migrations directory: `NNNNNN_name.up.sql` + `NNNNNN_name.down.sql` pairs
// (golang-migrate naming). Anything ending in .sql that does not fit is an error, never
// silently skipped: a typo'd file name would otherwise be a migration that never runs.
import { isUtf8 } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { ConfigError } from '../errors.js';

export interface MigrationFile {
  /** `000001_create_users`: the identity recorded in the history table. */
  readonly name: string;
  /** The numeric prefix as written (`000001`). */
  readonly version: string;
  readonly upPath: string;
  readonly downPath: string | null;
}

const FILE = /^(\d+)_(.+)\.(up|down)\.sql$/s;
// Control characters in a name would make messages and history rows unreadable.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Compare two numeric prefixes as numbers (leading zeros and widths may differ). */
export function compareVersions(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Order of two migration file paths: by numeric version, then name (up before down), the order
 * `migrate up` runs them in; a file outside the naming scheme (linted by path) sorts after.
 */
export function compareMigrationPaths(a: string, b: string): number {
  const x = FILE.exec(basename(a));
  const y = FILE.exec(basename(b));
  if (x && y) return compareVersions(x[1]!, y[1]!) || (x[2]! < y[2]! ? -1 : x[2]! > y[2]! ? 1 : 0) || (x[3] === y[3] ? 0 : x[3] === 'up' ? -1 : 1) || (a < b ? -1 : a > b ? 1 : 0);
  if (x || y) return x ? -1 : 1;
  return basename(a).localeCompare(basename(b)) || a.localeCompare(b);
}

/** Every migration file of the directory (ups and downs), in run order, by the same rules as listMigrationFiles. */
export function listMigrationPaths(dir: string): string[] {
  return listMigrationFiles(dir).flatMap((f) => (f.downPath ? [f.upPath, f.downPath] : [f.upPath]));
}

/** Validate a migration's descriptive name (the part after `NNNNNN_`). */
export function checkMigrationLabel(label: string): string | null {
  if (label.trim() === '') return 'the name is empty';
  if (CONTROL.test(label)) return 'the name contains a control character';
  if (/[/\\]/.test(label)) return 'the name contains a path separator';
  return null;
}

/** Read and validate the migrations directory, sorted by version. */
export function listMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError(`migrations directory ${dir} does not exist (pass --migrations DIR)`);
  }
  const ups = new Map<string, { version: string; path: string }>();
  const downs = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    if (!entry.toLowerCase().endsWith('.sql')) continue;
    const m = FILE.exec(entry);
    if (!m) {
      throw new ConfigError(
        `malformed migration file name ${JSON.stringify(entry)} in ${dir}: expected NNNNNN_name.up.sql or NNNNNN_name.down.sql`,
      );
    }
    const [, version, label, direction] = m as unknown as [string, string, string, 'up' | 'down'];
    const problem = checkMigrationLabel(label);
    if (problem) throw new ConfigError(`malformed migration file name ${JSON.stringify(entry)} in ${dir}: ${problem}`);
    const name = `${version}_${label}`;
    const path = join(dir, entry);
    if (direction === 'up') ups.set(name, { version, path });
    else downs.set(name, path);
  }
  for (const name of downs.keys()) {
    if (!ups.has(name)) throw new ConfigError(`${name}.down.sql in ${dir} has no ${name}.up.sql`);
  }
  const files: MigrationFile[] = [...ups.entries()].map(([name, u]) => ({
    name,
    version: u.version,
    upPath: u.path,
    downPath: downs.get(name) ?? null,
  }));
  files.sort((a, b) => compareVersions(a.version, b.version) || (a.name < b.name ? -1 : 1));
  for (let i = 1; i < files.length; i++) {
    const prev = files[i - 1]!;
    const cur = files[i]!;
    if (compareVersions(prev.version, cur.version) === 0) {
      throw new ConfigError(`two migrations share version ${cur.version}: ${prev.name} and ${cur.name}`);
    }
  }
  return files;
}

/** Line endings normalised so a checkout with CRLF does not look like an edited file. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

// node:crypto loads when a checksum is first taken: lint reads this module and never takes one
// (crypto is one of Node's costlier modules to load: start-up time).
const require = createRequire(import.meta.url);

export function checksumOf(text: string): string {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(normalizeLineEndings(text), 'utf8').digest('hex');
}

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * A migration file's bytes as text. Not UTF-8: refused with the byte offset (and line), as
 * psql refuses it; decoding would replace the bytes by U+FFFD and apply something else.
 */
export function decodeSqlFile(bytes: Buffer, path: string): string {
  if (!isUtf8(bytes)) {
    const at = invalidUtf8Offset(bytes);
    const line = bytes.subarray(0, Math.max(at, 0)).filter((b) => b === 10).length + 1;
    throw new ConfigError(`${path}: not valid UTF-8: byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at} (line ${line}); save the file as UTF-8`);
  }
  return bytes.toString('utf8');
}

export function readSqlFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`cannot read ${path}: ${code}`, { cause: error });
  }
  return decodeSqlFile(bytes, path);
}
