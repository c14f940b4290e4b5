// The CLI on a pseudo-terminal (util-linux `script`), so stdin/stdout/stderr are TTYs: for the
// prompts and layouts a pipe never sees. Answers are typed when their prompt has appeared.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './cli.js';

export interface Answer {
  /** Seen in the output since the previous answer: the prompt to reply to. */
  readonly prompt: RegExp;
  /** Typed, then Enter. */
  readonly reply: string;
}

export interface TerminalOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly cols?: number;
  readonly answers?: readonly Answer[];
}

export interface TerminalResult {
  readonly code: number | null;
  /** What the terminal showed (stdout, stderr and the echoed replies): \n line ends, no escapes. */
  readonly text: string;
  /** Prompts that never appeared. */
  readonly unanswered: number;
}

const running = new Set<ChildProcess>();

/** Kill terminals still running (a prompt that never came or was never answered): for afterEach. */
export function stopTerminals(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function onTerminal(args: readonly string[], options: TerminalOptions = {}): Promise<TerminalResult> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const answers = [...(options.answers ?? [])];
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `stty cols ${options.cols ?? 80} rows 50; ${quoted}`, '/dev/null'], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', COLUMNS: undefined, ...options.env } as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let text = '';
    let since = 0;
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const next = answers[0];
      if (next && next.prompt.test(text.slice(since))) {
        answers.shift();
        since = text.length;
        child.stdin.write(`${next.reply}\r`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, text: plain(text), unanswered: answers.length });
    });
  });
}

/** Without CSI escape sequences (readline's cursor moves) and with \n line ends. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r\n/g, '\n');
}
