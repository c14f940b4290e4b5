// The disk cache of compiled models (src/config/compile-cache.ts): the second load is answered
// from the cache, an edit to any file the models import invalidates it, a damaged entry is
// rebuilt, models with JSON shapes still give their zod shapes to whoever needs them, and the
// cache can be turned off. Observed through the cache's events and its files, never by time.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCacheRoot, type CacheEvent } from '../../src/config/compile-cache.js';
import { loadModels } from '../../src/config/models.js';

const DSL = fileURLToPath(new URL('../../src/model/index.ts', import.meta.url));
const dirs: string[] = [];

function fresh(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project whose models import a second local file (the columns of `notes`). */
function project(extraColumn = ''): { dir: string; models: string; setColumns(extra: string): void } {
  const dir = fresh('sg-model-cache-project-');
  const models = join(dir, 'models.ts');
  writeFileSync(
    models,
    `import { t, table } from ${JSON.stringify(DSL)};
import { noteColumns } from './columns/notes';
export const accounts = table('accounts', { id: t.bigint().primaryKey(), email: t.text().notNull() });
export const notes = table('notes', noteColumns());
`,
  );
  const setColumns = (extra: string) => {
    const columns = join(dir, 'columns');
    rmSync(columns, { recursive: true, force: true });
    mkdirSync(columns, { recursive: true });
    writeFileSync(join(columns, 'notes.ts'), `import { t } from ${JSON.stringify(DSL)};\nexport const noteColumns = () => ({ id: t.bigint().primaryKey(), body: t.text()${extra} });\n`);
  };
  setColumns(extraColumn);
  return { dir, models, setColumns };
}

function recorder(root: string) {
  const events: CacheEvent[] = [];
  return { events, cache: { root, onEvent: (e: CacheEvent) => events.push(e) } };
}

const columnsOf = (schema: Awaited<ReturnType<typeof loadModels>>['schema'], table: string) => schema.tables.find((t) => t.name === table)!.columns.map((c) => c.name);

describe('compiled models cache', () => {
  it('answers the second load from its entry, with the same Schema', async () => {
    const root = fresh('sg-model-cache-root-');
    const { models } = project();
    const first = recorder(root);
    const compiled = await loadModels({ models, legacy: null }, { cache: first.cache });
    expect(first.events).toEqual(['miss', 'stored']);
    const entries = readdirSync(root).filter((n) => n.endsWith('.json'));
    expect(entries).toHaveLength(1);
    const stored = JSON.parse(readFileSync(join(root, entries[0]!), 'utf8')) as { files: [string, string][] };
    // Both project files are recorded, the imported one too.
    expect(stored.files.map(([f]) => f)).toEqual(expect.arrayContaining([models, expect.stringMatching(/columns\/notes\.ts$/)]));

    const second = recorder(root);
    const cached = await loadModels({ models, legacy: null }, { cache: second.cache });
    expect(second.events).toEqual(['hit']);
    expect(cached.schema).toEqual(compiled.schema);
    expect(cached.legacy).toEqual(compiled.legacy);
  });

  it('is invalidated when a file the models import changes', async () => {
    const root = fresh('sg-model-cache-root-');
    const p = project();
    await loadModels({ models: p.models, legacy: null }, { cache: recorder(root).cache });
    p.setColumns(', author: t.text()');
    const after = recorder(root);
    const compiled = await loadModels({ models: p.models, legacy: null }, { cache: after.cache });
    expect(after.events).toEqual(['stale', 'stored']);
    expect(columnsOf(compiled.schema, 'notes')).toContain('author');
    const again = recorder(root);
    expect(columnsOf((await loadModels({ models: p.models, legacy: null }, { cache: again.cache })).schema, 'notes')).toContain('author');
    expect(again.events).toEqual(['hit']);
  });

  it('rebuilds a damaged entry', async () => {
    const root = fresh('sg-model-cache-root-');
    const { models } = project();
    const good = await loadModels({ models, legacy: null }, { cache: recorder(root).cache });
    const [entry] = readdirSync(root).filter((n) => n.endsWith('.json'));
    for (const damage of ['{"format":1,"key":', '{"format":1,"key":"x","files":[],"value":{}}', '']) {
      writeFileSync(join(root, entry!), damage);
      const r = recorder(root);
      const rebuilt = await loadModels({ models, legacy: null }, { cache: r.cache });
      expect(r.events).toEqual(['corrupt', 'stored']);
      expect(rebuilt.schema).toEqual(good.schema);
      expect(() => JSON.parse(readFileSync(join(root, entry!), 'utf8')) as unknown).not.toThrow();
    }
  });

  it('gives JSON shapes to a caller that needs them, and the cached Schema to one that does not', async () => {
    const root = fresh('sg-model-cache-root-');
    const dir = fresh('sg-model-cache-shapes-');
    const models = join(dir, 'models.ts');
    writeFileSync(
      models,
      `import { z } from 'zod';\nimport { t, table } from ${JSON.stringify(DSL)};\nexport const docs = table('docs', { id: t.bigint().primaryKey(), body: t.jsonb(z.object({ n: z.number() })) });\n`,
    );
    // zod resolves from this repository's node_modules, as a project's own would.
    symlinkSync(fileURLToPath(new URL('../../node_modules', import.meta.url)), join(dir, 'node_modules'));
    const first = recorder(root);
    const withShapes = await loadModels({ models, legacy: null }, { cache: first.cache });
    expect(first.events).toEqual(['miss', 'stored']);
    expect([...withShapes.jsonShapes.keys()]).toEqual(['public.docs.body']);

    const needing = recorder(root);
    const again = await loadModels({ models, legacy: null }, { cache: needing.cache, jsonShapes: true });
    expect(needing.events).toEqual(['hit']);
    expect([...again.jsonShapes.keys()]).toEqual(['public.docs.body']);
    expect(again.jsonShapes.get('public.docs.body')!.safeParse({ n: 'x' }).success).toBe(false);

    const schemaOnly = await loadModels({ models, legacy: null }, { cache: recorder(root).cache, jsonShapes: false });
    expect(schemaOnly.schema).toEqual(withShapes.schema);
    expect(schemaOnly.jsonShapes.size).toBe(0);
  });

  it('keys on the environment variables the models read, not on the rest of the environment', async () => {
    const root = fresh('sg-model-cache-root-');
    const dir = fresh('sg-model-cache-env-');
    const models = join(dir, 'models.ts');
    writeFileSync(models, `import { t, table } from ${JSON.stringify(DSL)};\nexport const accounts = table('accounts' + (process.env.SG_CACHE_TEST_SUFFIX ?? ''), { id: t.bigint().primaryKey() });\n`);
    const saved = { suffix: process.env.SG_CACHE_TEST_SUFFIX, run: process.env.GITHUB_RUN_ID };
    const names = async () => {
      const r = recorder(root);
      const compiled = await loadModels({ models, legacy: null }, { cache: r.cache });
      return { events: r.events, tables: compiled.schema.tables.map((t) => t.name) };
    };
    try {
      delete process.env.SG_CACHE_TEST_SUFFIX;
      process.env.GITHUB_RUN_ID = '101';
      expect(await names()).toEqual({ events: ['miss', 'stored'], tables: ['accounts'] });
      // A per-run CI variable the models never read: still a hit.
      process.env.GITHUB_RUN_ID = '102';
      expect(await names()).toEqual({ events: ['hit'], tables: ['accounts'] });
      // One they read: compiled again, with the new value, and then a hit again.
      process.env.SG_CACHE_TEST_SUFFIX = '_b';
      expect(await names()).toEqual({ events: ['miss', 'stored'], tables: ['accounts_b'] });
      expect(await names()).toEqual({ events: ['hit'], tables: ['accounts_b'] });
      // Each value keeps its own entry: going back is a hit, not a rebuild.
      delete process.env.SG_CACHE_TEST_SUFFIX;
      expect(await names()).toEqual({ events: ['hit'], tables: ['accounts'] });
      process.env.SG_CACHE_TEST_SUFFIX = '_b';
      const all = readdirSync(root).filter((n) => n.endsWith('.json'));
      expect(all).toHaveLength(2);
      const entry = all.find((n) => readFileSync(join(root, n), 'utf8').includes('"SG_CACHE_TEST_SUFFIX","_b"'));
      const stored = JSON.parse(readFileSync(join(root, entry!), 'utf8')) as { env: { values: [string, string | null][] } };
      expect(stored.env.values).toContainEqual(['SG_CACHE_TEST_SUFFIX', '_b']);
      expect(stored.env.values.map(([name]) => name)).not.toContain('GITHUB_RUN_ID');
      // A damaged record of the variables is rebuilt, not trusted.
      writeFileSync(join(root, entry!), JSON.stringify({ ...stored, env: { nothing: true } }));
      expect(await names()).toEqual({ events: ['corrupt', 'stored'], tables: ['accounts_b'] });
    } finally {
      for (const [name, value] of [['SG_CACHE_TEST_SUFFIX', saved.suffix], ['GITHUB_RUN_ID', saved.run]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('keys on the names in the environment, not their values, when the models list them', async () => {
    const root = fresh('sg-model-cache-root-');
    const dir = fresh('sg-model-cache-envall-');
    const models = join(dir, 'models.ts');
    writeFileSync(models, `import { t, table } from ${JSON.stringify(DSL)};\nconst n = Object.keys(process.env).filter((k) => k.startsWith('SG_CACHE_ALL_')).length;\nexport const accounts = table('accounts' + n, { id: t.bigint().primaryKey() });\n`);
    const load = async () => {
      const r = recorder(root);
      const compiled = await loadModels({ models, legacy: null }, { cache: r.cache });
      return { events: r.events, tables: compiled.schema.tables.map((t) => t.name) };
    };
    const run = process.env.GITHUB_RUN_ID;
    try {
      process.env.GITHUB_RUN_ID = '201';
      expect(await load()).toEqual({ events: ['miss', 'stored'], tables: ['accounts0'] });
      // Another value of a variable that was listed but never read: still a hit.
      process.env.GITHUB_RUN_ID = '202';
      expect(await load()).toEqual({ events: ['hit'], tables: ['accounts0'] });
      // A new name: the list the models saw is not the same any more.
      process.env.SG_CACHE_ALL_ONE = '1';
      expect(await load()).toEqual({ events: ['stale', 'stored'], tables: ['accounts1'] });
      expect(await load()).toEqual({ events: ['hit'], tables: ['accounts1'] });
    } finally {
      delete process.env.SG_CACHE_ALL_ONE;
      if (run === undefined) delete process.env.GITHUB_RUN_ID;
      else process.env.GITHUB_RUN_ID = run;
    }
  });

  it('is off with SCHEMAGUARD_MODEL_CACHE=0 and lives under XDG_CACHE_HOME', async () => {
    expect(compileCacheRoot({ env: { XDG_CACHE_HOME: '/somewhere' } })).toBe('/somewhere/schemaguard/compiled');
    expect(compileCacheRoot({ env: { XDG_CACHE_HOME: '/somewhere', SCHEMAGUARD_MODEL_CACHE: '0' } })).toBe(false);
    const xdg = fresh('sg-model-cache-xdg-');
    const { models } = project();
    const r = { events: [] as CacheEvent[] };
    await loadModels({ models, legacy: null }, { cache: { env: { ...process.env, XDG_CACHE_HOME: xdg, SCHEMAGUARD_MODEL_CACHE: '0' }, onEvent: (e) => r.events.push(e) } });
    expect(r.events).toEqual(['off']);
    expect(readdirSync(xdg)).toEqual([]);
  });
});
