// Connects end, whatever the peer does: a port that answers HTTP and hangs up (postgres.js
// used to reconnect to it ~200 times a second, forever, ignoring PGCONNECT_TIMEOUT and
// SIGTERM), a port that accepts and says nothing, and a URL whose password has a bad
// percent-escape. Each ends with one line and exit 2. No database is needed.
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../support/cli.js';

let http: Server;
let silent: Server;
let httpPort: number;
let silentPort: number;
let httpConnections = 0;
const sockets: Socket[] = [];
const opened: Socket[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  http = createServer((socket) => {
    httpConnections += 1;
    opened.push(socket);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  silent = createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
  httpPort = await listen(http);
  silentPort = await listen(silent);
});

afterAll(async () => {
  for (const s of [...sockets, ...opened]) s.destroy();
  await new Promise((r) => http.close(r));
  await new Promise((r) => silent.close(r));
});

const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.trim() !== '');

describe('bounded connects', () => {
  it('a listener that answers HTTP 400 and closes: exit 2, one line, within PGCONNECT_TIMEOUT + 2 s, one attempt', async () => {
    httpConnections = 0;
    const started = performance.now();
    const r = await runCli(['inspect', '--db', `postgres://app:s3cret-pw@127.0.0.1:${httpPort}/db`], {
      env: { PGCONNECT_TIMEOUT: '2' },
      timeoutMs: 30_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot connect to 127\.0\.0\.1:\d+\/db: .*closed the connection/);
    expect(r.stderr).not.toMatch(/internal error|s3cret-pw/);
    expect(seconds).toBeLessThan(2 + 2);
    // One attempt for the one host: no reconnect loop.
    expect(httpConnections).toBe(1);
  }, 60_000);

  it('a listener that never answers: exit 2 with "timed out" within PGCONNECT_TIMEOUT + 2 s', async () => {
    const started = performance.now();
    const r = await runCli(['inspect', '--db', `postgres://app:pw@127.0.0.1:${silentPort}/db`], { env: { PGCONNECT_TIMEOUT: '2' }, timeoutMs: 30_000 });
    const seconds = (performance.now() - started) / 1000;
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/timed out/);
    expect(seconds).toBeLessThan(2 + 2);
  }, 60_000);

  it('one SIGTERM ends a connect that would wait a minute', async () => {
    const child = spawn(process.execPath, [CLI, 'inspect', '--db', `postgres://app:pw@127.0.0.1:${silentPort}/db`], {
      env: { ...process.env, NO_COLOR: '1', PGCONNECT_TIMEOUT: '60' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    // Send the signal once the CLI's socket is open on the silent listener (a state, not a sleep).
    const before = sockets.length;
    await new Promise<void>((resolve) => {
      const check = () => (sockets.length > before ? resolve() : setTimeout(check, 50));
      check();
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const sent = performance.now();
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('close', (c, s) => r([c, s])));
    clearTimeout(killer);
    expect(signal, stderr).toBeNull();
    expect(code, stderr).not.toBe(0);
    expect(performance.now() - sent).toBeLessThan(10_000);
    expect(stderr).not.toMatch(/internal error/);
  }, 60_000);

  it('a bad percent-escape in the password is a usage error naming the part, never the password', async () => {
    const r = await runCli(['inspect', '--db', 'postgres://app:hunter2%ZZ@127.0.0.1:1/db']);
    expect(r.code, r.stderr).toBe(2);
    expect(errorLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/malformed database URL: bad percent-escape in the password/);
    expect(r.stderr).not.toMatch(/internal error|hunter2|URI malformed/);
  });

  it.each([
    ['user name', 'postgres://ap%G1p:pw@127.0.0.1:1/db'],
    ['database name', 'postgres://app:pw@127.0.0.1:1/d%Eb'],
  ])('a bad percent-escape in the %s is named', async (part, url) => {
    const r = await runCli(['inspect', '--db', url]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`bad percent-escape in the ${part}`);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
