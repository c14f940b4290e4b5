// The fleet layer's pure parts: patterns, targets files, selection, canary split, the bounded
// scheduler (isolation, fail-fast, timeout, stop), and the merged report's summary.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCanary } from '../../src/fleet/canary.js';
import { globToRegExp, matchesGlob } from '../../src/fleet/glob.js';
import { runFleet, worstExitCode, type Task } from '../../src/fleet/run.js';
import { parseTargetsFile, resolveTargets, selectTargets, withSearchPath, type Target } from '../../src/fleet/targets.js';
import { moveNamespace } from '../../src/fleet/tenant-schema.js';
import { MigrationFailedError } from '../../src/errors.js';
import { renderFleetJunit } from '../../src/report/fleet-junit.js';
import { summarize } from '../../src/report/fleet-model.js';

const target = (name: string, group = name): Target => ({ name, url: `postgres://u@h/${name}`, where: `h:5432/${name}`, group });

describe('patterns', () => {
  it('* and ? only; _ and . are literal', () => {
    expect(matchesGlob('tenant_1', 'tenant_*')).toBe(true);
    expect(matchesGlob('tenantX1', 'tenant_*')).toBe(false);
    expect(matchesGlob('a.b', 'a?b')).toBe(true);
    expect(matchesGlob('axb', 'a.b')).toBe(false);
    expect(globToRegExp('(x)+').test('(x)+')).toBe(true);
  });
});

describe('targets', () => {
  it('a targets file: name db [schema|pattern], bare URLs, comments; bad lines name file:line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-targets-'));
    const file = join(dir, 'targets');
    writeFileSync(file, '# fleet\nprod-eu postgres://u@eu/app\nprod-us env:US_URL tenant_*\npostgres://u@h/solo  # trailing comment\nshop postgres://u@h/shop s1\n');
    expect(parseTargetsFile(file, 'targets')).toEqual([
      { name: 'prod-eu', db: 'postgres://u@eu/app' },
      { name: 'prod-us', db: 'env:US_URL', schemaPattern: 'tenant_*' },
      { db: 'postgres://u@h/solo' },
      { name: 'shop', db: 'postgres://u@h/shop', schema: 's1' },
    ]);
    writeFileSync(file, 'a b c d\n');
    expect(() => parseTargetsFile(file, 'targets')).toThrow('targets:1: expected "name db [schema]", got 4 fields');
  });

  it('several --db: named by database, host:port/database when that repeats; an unset env: var is that target failing, not the run', async () => {
    const t = await resolveTargets({ dbs: ['postgres://u@a:5432/app', 'postgres://u@b:5433/app', 'postgres://u@a/other'], configured: [], env: {} });
    expect(t.map((x) => x.name)).toEqual(['a:5432/app', 'b:5433/app', 'other']);
    const c = await resolveTargets({ dbs: [], configured: [{ name: 'x', db: 'env:NOPE' }, { name: 'y', db: 'postgres://u@h/y' }], env: {} });
    expect(c.map((x) => [x.name, x.error?.message ?? null])).toEqual([['x', 'target x: environment variable NOPE is not set'], ['y', null]]);
  });

  it('--target globs select by name or database; one matching nothing is a usage error listing the known', () => {
    const all = [target('a1'), target('a2'), target('t/tenant_1', 't'), target('t/tenant_2', 't')];
    expect(selectTargets(all, ['a*']).map((t) => t.name)).toEqual(['a1', 'a2']);
    expect(selectTargets(all, ['t']).map((t) => t.name)).toEqual(['t/tenant_1', 't/tenant_2']);
    expect(() => selectTargets(all, ['zz*'])).toThrow(/--target "zz\*" matches no target \(known: a1, a2, t\/tenant_1, t\/tenant_2\)/);
  });

  it('a tenant connection sets search_path (quoted) at start-up', () => {
    expect(new URL(withSearchPath('postgres://u:p@h/db', 'Tenant "1"')).searchParams.get('search_path')).toBe('"Tenant ""1"""');
  });

  it('models move into a tenant schema: schema fields, namespaces, qualified types and defaults', () => {
    const moved = moveNamespace({ namespaces: [{ name: 'public' }], tables: [{ schema: 'public', columns: [{ type: 'public.mood', default: "nextval('public.s'::regclass)" }], ref: { schema: 'public', name: 'x' } }] }, 'public', 't1');
    expect(moved).toEqual({ namespaces: [{ name: 't1' }], tables: [{ schema: 't1', columns: [{ type: 't1.mood', default: "nextval('t1.s'::regclass)" }], ref: { schema: 't1', name: 'x' } }] });
  });
});

describe('canary', () => {
  const all = ['a', 'b', 'c', 'd'].map((n) => target(n));
  it('N: the first N; names and globs keep the run order', () => {
    expect(splitCanary(all, ['2']).canary.map((t) => t.name)).toEqual(['a', 'b']);
    const s = splitCanary(all, ['c', 'a']);
    expect([s.canary.map((t) => t.name), s.rest.map((t) => t.name)]).toEqual([['a', 'c'], ['b', 'd']]);
    expect(() => splitCanary(all, ['0'])).toThrow('--canary N needs N ≥ 1');
    expect(() => splitCanary(all, ['x'])).toThrow('--canary "x" matches no target');
  });
});

/** A task per target that waits until the test opens its gate. */
function gated() {
  const gates = new Map<string, () => void>();
  let active = 0;
  let peak = 0;
  const started: string[] = [];
  const task: Task<null> = (t) => {
    started.push(t.name);
    active += 1;
    peak = Math.max(peak, active);
    return new Promise((resolve, reject) => {
      gates.set(t.name, () => {
        active -= 1;
        if (t.name.startsWith('bad')) reject(new MigrationFailedError(`${t.name} broke`));
        else resolve({ exitCode: 0, status: 'ok' });
      });
    });
  };
  const open = async (name: string) => {
    while (!gates.has(name)) await new Promise((r) => setImmediate(r));
    gates.get(name)!();
  };
  return { task, open, started, peak: () => peak };
}

describe('runFleet', () => {
  it('never more than --concurrency at once; a failure is that target only; exit = worst', async () => {
    const g = gated();
    const targets = ['a', 'bad1', 'c', 'd', 'e'].map((n) => target(n));
    const running = runFleet(targets, g.task, { concurrency: 2 });
    for (const n of ['a', 'bad1', 'c', 'd', 'e']) await g.open(n);
    const out = await running;
    expect(g.peak()).toBe(2);
    expect(out.map((o) => `${o.target.name} ${o.status} ${o.exitCode}`)).toEqual(['a ok 0', 'bad1 failed 3', 'c ok 0', 'd ok 0', 'e ok 0']);
    expect(out[1]!.error).toBe('bad1 broke');
    expect(worstExitCode(out)).toBe(3);
  });

  it('--fail-fast: nothing starts after a failure; the stop signal likewise', async () => {
    const g = gated();
    const run = runFleet(['bad1', 'b', 'c'].map((n) => target(n)), g.task, { concurrency: 1, failFast: true });
    await g.open('bad1');
    const out = await run;
    expect(out.map((o) => o.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(out[1]!.error).toBe('not started: --fail-fast after bad1 failed');

    const h = gated();
    const stop = new AbortController();
    const run2 = runFleet(['a', 'b'].map((n) => target(n)), h.task, { concurrency: 1, signal: stop.signal });
    while (h.started.length === 0) await new Promise((r) => setImmediate(r));
    stop.abort();
    await h.open('a');
    expect((await run2).map((o) => o.status)).toEqual(['ok', 'skipped']);
  });

  it('a per-target timeout fails that target, naming the flag', async () => {
    const never: Task<null> = (_t, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
    const out = await runFleet([target('slow')], never, { concurrency: 1, timeoutMs: 20 });
    expect(out[0]).toMatchObject({ status: 'failed', exitCode: 2 });
    expect(out[0]!.error).toMatch(/^timed out after 0\.0s \(--target-timeout\)/);
  });
});

describe('merged report', () => {
  const t = (name: string, status: 'ok' | 'failed' | 'drifted', exitCode: number, findings: { severity: 'error' | 'warning' }[] = []) => ({
    name, where: 'h:5432/x', schema: null, status, exitCode, ms: 10, canary: false, summary: null, error: status === 'failed' ? 'boom <x>' : null, detail: null,
    findings: findings.map((f) => ({ target: name, severity: f.severity, rule: 'r', object: 'o', message: `${f.severity} here` })),
  });
  it('summary counts, the worst finding, the worst exit code; JUnit has a testsuite per target', () => {
    const targets = [t('a', 'ok', 0), t('b', 'drifted', 1, [{ severity: 'warning' }]), t('c', 'failed', 2, [{ severity: 'error' }])];
    const s = summarize('audit', targets);
    expect(s).toMatchObject({ targets: 3, ok: 1, drifted: 1, failed: 1, exitCode: 2, worst: { target: 'c', severity: 'error' } });
    expect(s.text).toBe('3 targets: 1 clean, 0 behind, 1 drifted, 1 failed; worst: error on c: error here');
    const xml = renderFleetJunit({ schemaguard: 'fleet', version: 1, command: 'audit', summary: s, stopped: null, targets });
    expect([...xml.matchAll(/<testsuite name="(\w)"/g)].map((m) => m[1])).toEqual(['a', 'b', 'c']);
    expect(xml).toContain('<error message="boom &lt;x&gt;"/>');
  });
});
