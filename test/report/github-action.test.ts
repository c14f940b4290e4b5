// The GitHub Action (action.yml), its steps run locally as the runner would, against a stub of
// GitHub's REST API on localhost that records every request: check and audit annotate the
// declaration lines, SARIF files for code scanning, the Markdown report posted as one comment
// and updated (not duplicated) on the next push, the job failing with the worst exit code
// only after the comment is posted.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, readAction } from '../support/action-runner.js';
import { CLI } from '../support/cli.js';
import { adminUrl, createTestDatabase, type TestDatabase } from '../support/db.js';
import { REPO_ROOT } from '../support/fixtures.js';
import { sarifValidator } from '../support/sarif.js';

const MODEL_DSL = fileURLToPath(new URL('../../src/model/index.js', import.meta.url));
const MODELS = `import { t, table } from ${JSON.stringify(MODEL_DSL)};

export const settings = table('settings', {
  id: t.integer().primaryKey(),
  key: t.text().notNull(),
  value: t.jsonb(),
});
`;

interface Recorded {
  method: string;
  url: string;
  authorization: string;
  body: { body?: string } | null;
}

/** GitHub's issue-comment endpoints, in memory; `refuse` answers writes with 403 (a fork's token). */
function stubGithub(log: string): { server: Server; requests: Recorded[]; comments: { id: number; body: string }[]; refuse: { on: boolean } } {
  const requests: Recorded[] = [];
  const comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM, unrelated comment' }];
  const refuse = { on: false };
  const read = (req: IncomingMessage) => new Promise<string>((ok) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => ok(data));
  });
  const server = createServer(async (req, res) => {
    const text = await read(req);
    const body = text ? (JSON.parse(text) as { body?: string }) : null;
    requests.push({ method: req.method!, url: req.url!, authorization: String(req.headers.authorization), body });
    await writeFile(log, JSON.stringify(requests, null, 2));
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'GET' && /^\/repos\/acme\/shop\/issues\/7\/comments\?/.test(req.url!)) return send(200, comments);
    if (refuse.on) return send(403, { message: 'Resource not accessible by integration' });
    if (req.method === 'POST' && req.url === '/repos/acme/shop/issues/7/comments') {
      const c = { id: comments.length + 1, body: body!.body! };
      comments.push(c);
      return send(201, c);
    }
    const patch = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(req.url!);
    if (req.method === 'PATCH' && patch) {
      const c = comments.find((x) => x.id === Number(patch[1]));
      if (!c) return send(404, {});
      c.body = body!.body!;
      return send(200, c);
    }
    send(404, { message: 'not stubbed' });
  });
  return { server, requests, comments, refuse };
}

describe('the GitHub Action, run locally', () => {
  let dir: string;
  let db: TestDatabase;
  let stub: ReturnType<typeof stubGithub>;
  let api: string;
  const inputs = () => ({ command: `${process.execPath} ${CLI}`, 'database-url': db.url, 'github-token': 'ghs_test' });
  const env = (event: object, extra: Record<string, string> = {}) => {
    const eventPath = join(dir, '..', `event-${Math.random().toString(36).slice(2)}.json`);
    return writeFile(eventPath, JSON.stringify(event)).then(() => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      SCHEMAGUARD_SCRATCH_URL: adminUrl(),
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_API_URL: api,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      RUNNER_TEMP: join(dir, '..', 'runner-temp'),
      GITHUB_STEP_SUMMARY: join(dir, '..', 'summary.md'),
      ...extra,
    }));
  };

  beforeAll(async () => {
    db = await createTestDatabase('sg_action');
    // The live database lacks `value` (audit: missing column); no migration adds it (check).
    await db.sql.unsafe('CREATE TABLE settings (id integer PRIMARY KEY, key text NOT NULL)');
    const root = await mkdtemp(join(tmpdir(), 'sg-action-'));
    dir = join(root, 'repo');
    await mkdir(join(dir, 'migrations'), { recursive: true });
    await mkdir(join(root, 'runner-temp'));
    await writeFile(join(dir, 'models.ts'), MODELS);
    await writeFile(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations' }));
    await writeFile(join(dir, 'migrations', '000001_settings.up.sql'), 'CREATE TABLE settings (id integer PRIMARY KEY, key text NOT NULL);\n');
    await writeFile(join(dir, 'migrations', '000001_settings.down.sql'), 'DROP TABLE settings;\n');
    stub = stubGithub(join(root, 'requests.json'));
    await new Promise<void>((ok) => stub.server.listen(0, '127.0.0.1', ok));
    api = `http://127.0.0.1:${(stub.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((ok) => stub?.server.close(ok));
    await rm(join(dir, '..'), { recursive: true, force: true });
    await db?.dispose();
  });

  it('action.yml is a composite action whose steps the local runner can read', () => {
    const action = readAction(join(REPO_ROOT, 'action.yml'));
    expect(action.using).toBe('composite');
    expect(action.steps.map((s) => s.name)).toEqual(['Run schemaguard', 'Comment on the pull request', 'Verdict']);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['database-url', 'fail-on', 'comment', 'github-token']));
  });

  it('on a pull request: annotations, SARIF, one comment with both reports, then the job fails (exit 1)', async () => {
    const run = await runAction(REPO_ROOT, dir, inputs(), await env({ pull_request: { number: 7 } }));
    const [work, comment, verdict] = run.steps;
    expect(work!.code, work!.stderr).toBe(0);
    expect(work!.outputs['exit-code']).toBe('1');
    // check: the column no migration creates, on its declaration line; audit: the column the database lacks.
    expect(work!.stdout).toContain('::error file=models.ts,line=6,col=3,title=schemaguard check migration-missing%3A public.settings.value::');
    expect(work!.stdout).toContain('::error file=models.ts,line=6,col=3,title=schemaguard audit missing-column%3A public.settings.value::');
    // the database URL is never printed
    expect(work!.stdout + work!.stderr).not.toContain(db.url);
    for (const f of ['check.sarif', 'audit.sarif']) {
      const sarif = JSON.parse(await readFile(join(run.outputs['sarif-directory']!, f), 'utf8')) as unknown;
      expect(sarifValidator()(sarif), f).toEqual([]);
    }
    expect(comment!.code, comment!.stderr).toBe(0);
    const posts = stub.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('/repos/acme/shop/issues/7/comments');
    expect(posts[0]!.authorization).toBe('Bearer ghs_test');
    const body = posts[0]!.body!.body!;
    expect(body.startsWith('<!-- schemaguard:report -->\n')).toBe(true);
    expect(body).toContain('## Schema check');
    expect(body).toContain('## Schema audit');
    expect(body.indexOf('## Schema check')).toBeLessThan(body.indexOf('## Schema audit'));
    expect(body.length).toBeLessThan(65_536);
    expect(body).toBe(await readFile(run.outputs.report!, 'utf8'));
    expect(await readFile(join(dir, '..', 'summary.md'), 'utf8')).toContain('## Schema audit');
    // the verdict step fails the job, after the comment
    expect(verdict!.code).toBe(1);
    expect(run.code).toBe(1);
  }, 300_000);

  it('the next push updates the same comment instead of adding one', async () => {
    const before = stub.requests.length;
    await db.sql.unsafe('ALTER TABLE settings ADD COLUMN value jsonb');
    const run = await runAction(REPO_ROOT, dir, inputs(), await env({ pull_request: { number: 7 } }));
    const mine = stub.requests.slice(before);
    expect(mine.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(mine[1]!.url).toBe('/repos/acme/shop/issues/comments/2');
    expect(stub.comments).toHaveLength(2); // the unrelated one and ours
    expect(stub.comments[1]!.body).toContain('## Schema audit');
    expect(stub.comments[1]!.body).toContain('**Passes**');
    // check still fails: no migration adds `value`
    expect(run.steps[0]!.outputs['exit-code']).toBe('1');
  }, 300_000);

  it('outside a pull request no comment is attempted; a token without write access only warns; fail: false passes', async () => {
    const before = stub.requests.length;
    const push = await runAction(REPO_ROOT, dir, { ...inputs(), fail: 'false' }, await env({ ref: 'refs/heads/main' }, { GITHUB_EVENT_NAME: 'push' }));
    expect(stub.requests.length).toBe(before);
    expect(push.steps[1]!.stdout).toContain('not a pull request');
    expect(push.code).toBe(0);

    stub.refuse.on = true;
    stub.comments.splice(1); // as if our comment were gone: a POST is needed, and refused
    try {
      const fork = await runAction(REPO_ROOT, dir, inputs(), await env({ pull_request: { number: 7 } }));
      expect(fork.steps[1]!.code).toBe(0);
      expect(fork.steps[1]!.stdout).toMatch(/^::warning title=schemaguard comment::could not post the report \(POST \/repos\/acme\/shop\/issues\/7\/comments: 403/m);
      expect(fork.steps[2]!.code).toBe(1);
    } finally {
      stub.refuse.on = false;
    }
  }, 300_000);
});
