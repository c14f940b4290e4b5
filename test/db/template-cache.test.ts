// The embedded server's template cache (src/db/template.ts): the second start copies the
// cached data directory instead of running initdb; another PostgreSQL version gets its own
// entry; a damaged entry is detected (or, damaged in place, fails to start) and rebuilt.
// Each test uses a cache directory of its own, never the user's.
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { environmentLocale, startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { defaultBinDir, serverVersion } from '../../src/db/launcher.js';
import { entryName, lookupTemplate, type TemplateKey } from '../../src/db/template.js';
import { copyTree } from '../../src/db/tree.js';

const PG15 = '/usr/lib/postgresql/15/bin';
const roots: string[] = [];
const servers: EmbeddedServer[] = [];

function freshCache(): string {
  const root = mkdtempSync(join(tmpdir(), 'sg-template-cache-'));
  roots.push(root);
  return root;
}

async function start(cacheDir: string, binDir?: string): Promise<EmbeddedServer> {
  const server = await startEmbedded({ cacheDir, ...(binDir ? { binDir } : {}) });
  servers.push(server);
  return server;
}

async function versionOf(server: EmbeddedServer): Promise<string> {
  const sql = await connect(server.url, { fetchTypes: false });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return row!.v;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function key(binDir = defaultBinDir()): Promise<TemplateKey> {
  return { version: await serverVersion(binDir), locale: environmentLocale(), encoding: 'UTF8' };
}

function entryDirs(root: string): string[] {
  return readdirSync(root).filter((n) => !n.startsWith('.'));
}

afterEach(async () => {
  while (servers.length) await servers.pop()!.stop();
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe('embedded server template cache', () => {
  // One entry built by a real start, copied into each test's cache that only needs one.
  let pristine = '';
  beforeAll(async () => {
    pristine = freshCache();
    const server = await startEmbedded({ cacheDir: pristine });
    await server.stop();
  });
  async function cacheWithEntry(): Promise<string> {
    const cache = freshCache();
    const name = entryName(await key());
    await copyTree(join(pristine, name), join(cache, name));
    return cache;
  }

  it('the first start runs initdb and publishes a template; the second copies it', async () => {
    const cache = freshCache();
    const first = await start(cache);
    expect(first.source).toBe('initdb');
    const entry = join(cache, entryName(await key()));
    expect(existsSync(join(entry, 'manifest.json'))).toBe(true);
    expect(readFileSync(join(entry, 'data', 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
    await first.stop();

    const second = await start(cache);
    expect(second.source).toBe('template');
    expect(Number(await versionOf(second))).toBeGreaterThanOrEqual(130000);
    // Every server gets a password of its own: the template's no longer opens it.
    const { manifest } = JSON.parse(readFileSync(join(entry, 'manifest.json'), 'utf8')) as { manifest: { password: string } };
    const withTemplatePassword = second.url.replace(/:[0-9a-f]+@/, `:${manifest.password}@`);
    expect(withTemplatePassword).not.toBe(second.url);
    await expect(connect(withTemplatePassword, { fetchTypes: false })).rejects.toThrow(/password authentication failed/);
    // The copy is the server's own: writing to it leaves the template as it was.
    const sql = await connect(second.url, { fetchTypes: false });
    await sql.unsafe('CREATE TABLE scribble (x int); INSERT INTO scribble SELECT generate_series(1, 1000); CHECKPOINT');
    await sql.end({ timeout: 5 });
    expect((await lookupTemplate(cache, await key())).ok).toBe(true);
    expect(entryDirs(cache)).toHaveLength(1);
  });

  it('another PostgreSQL version does not use the cached template: it gets an entry of its own', async () => {
    expect(existsSync(join(PG15, 'postgres')), `${PG15} must hold PostgreSQL 15 (apt-get install postgresql-15)`).toBe(true);
    const cache = await cacheWithEntry();
    const pg15 = await start(cache, PG15);
    expect(pg15.source).toBe('initdb');
    expect(await versionOf(pg15)).toMatch(/^15\d{4}$/);
    await pg15.stop();
    expect(entryDirs(cache)).toHaveLength(2);
    expect((await start(cache, PG15)).source).toBe('template');
    expect((await start(cache)).source).toBe('template');
  });

  it('an entry whose manifest names another version is refused and removed', async () => {
    const cache = await cacheWithEntry();
    const real = await key();
    const other: TemplateKey = { ...real, version: 'postgres (PostgreSQL) 17.0' };
    // The 18 entry placed where a 17 entry would be: PG_VERSION and the manifest both disagree.
    renameSync(join(cache, entryName(real)), join(cache, entryName(other)));
    const verdict = await lookupTemplate(cache, other);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/version/);
    expect(entryDirs(cache)).toHaveLength(0);
  });

  const damages: Array<[string, (data: string, entry: string) => void, RegExp]> = [
    ['a truncated file (global/pg_control)', (data) => truncateSync(join(data, 'global', 'pg_control'), 100), /pg_control/],
    ['a missing file', (data) => rmSync(join(data, 'PG_VERSION')), /PG_VERSION|entries/],
    ['an extra file (a stale postmaster.pid)', (data) => writeFileSync(join(data, 'postmaster.pid'), '12345\n'), /entries|postmaster/],
    ['PG_VERSION of another release', (data) => writeFileSync(join(data, 'PG_VERSION'), '17\n'), /PG_VERSION 17/],
    ['an edited manifest', (_data, entry) => writeFileSync(join(entry, 'manifest.json'), readFileSync(join(entry, 'manifest.json'), 'utf8').replace(/"password":"[0-9a-f]+"/, '"password":"0000"')), /checksum/],
    ['a manifest that is not JSON', (_data, entry) => writeFileSync(join(entry, 'manifest.json'), '{"manifest": '), /manifest/],
  ];
  for (const [what, damage, reason] of damages) {
    it(`${what} is detected, and the next start rebuilds the template`, async () => {
      const cache = await cacheWithEntry();
      const entry = join(cache, entryName(await key()));
      damage(join(entry, 'data'), entry);
      const verdict = await lookupTemplate(cache, await key());
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
      expect((await start(cache)).source).toBe('initdb');
      expect((await lookupTemplate(cache, await key())).ok).toBe(true);
    });
  }

  it('a template damaged in place (sizes intact) fails to start, is discarded, and the server starts from initdb', async () => {
    const cache = await cacheWithEntry();
    const control = join(cache, entryName(await key()), 'data', 'global', 'pg_control');
    writeFileSync(control, Buffer.alloc(readFileSync(control).length));
    expect((await lookupTemplate(cache, await key())).ok).toBe(true);
    const server = await start(cache);
    expect(server.source).toBe('initdb');
    expect(Number(await versionOf(server))).toBeGreaterThanOrEqual(130000);
    expect((await start(cache)).source).toBe('template');
  });

  it('servers starting at once on an empty cache all start, and publish one entry', async () => {
    const cache = freshCache();
    const started = await Promise.all([start(cache), start(cache), start(cache)]);
    for (const s of started) expect(Number(await versionOf(s))).toBeGreaterThanOrEqual(130000);
    expect(entryDirs(cache)).toHaveLength(1);
    expect(readdirSync(cache).filter((n) => n.startsWith('.'))).toEqual([]);
    expect((await lookupTemplate(cache, await key())).ok).toBe(true);
  });

  it('cacheDir false, or SCHEMAGUARD_TEMPLATE_CACHE=off, runs initdb and writes no cache', async () => {
    const cache = freshCache();
    const saved = process.env.SCHEMAGUARD_TEMPLATE_CACHE;
    try {
      process.env.SCHEMAGUARD_TEMPLATE_CACHE = cache;
      const off = await startEmbedded({ cacheDir: false });
      servers.push(off);
      expect(off.source).toBe('initdb');
      process.env.SCHEMAGUARD_TEMPLATE_CACHE = 'off';
      const envOff = await startEmbedded();
      servers.push(envOff);
      expect(envOff.source).toBe('initdb');
      expect(readdirSync(cache)).toEqual([]);
      process.env.SCHEMAGUARD_TEMPLATE_CACHE = cache;
      const fromEnv = await startEmbedded();
      servers.push(fromEnv);
      expect(entryDirs(cache)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.SCHEMAGUARD_TEMPLATE_CACHE;
      else process.env.SCHEMAGUARD_TEMPLATE_CACHE = saved;
    }
  });
});
