// The one place that turns a command's outcome into an exit code and a one-line message.
import { setInterruptSignal } from '../db/interrupt.js';
import { ExitCode, SchemaguardError, redactSecrets } from '../errors.js';
import { colorEnabled } from './color.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { prepareGlobals } from './database.js';
import { commandOf } from './globals.js';
import { outputWidth } from '../report/fit.js';

type Action = (ctx: CommandContext) => Promise<ExitCode> | ExitCode;

const cleanups: Array<() => Promise<void> | void> = [];
const controller = new AbortController();
let interrupted = 0;
/** The exit code of an interrupted run: 130 (128 + SIGINT) unless the command documents another. */
let interruptExit = 130;

/** For commands whose interruption has a documented code (`migrate up/down`: 3, stopped cleanly or not). */
export function setInterruptExitCode(code: number): void {
  interruptExit = code;
}

function onSignal(signal: NodeJS.Signals): void {
  interrupted += 1;
  if (interrupted === 1) {
    process.stderr.write(`\nschemaguard: ${signal} received, stopping…\n`);
    controller.abort(new Error(`interrupted by ${signal}`));
    return;
  }
  // A second Ctrl-C: stop waiting for the command, clean up and go.
  void runCleanups().finally(() => process.exit(interruptExit));
}

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch {
      /* cleanup is best effort */
    }
  }
}

// 128 + SIGPIPE: what a shell reports for a tool whose reader closed the pipe.
const BROKEN_PIPE = 141;

export function makeContext(global: GlobalOptions): CommandContext {
  return {
    global,
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    color: colorEnabled(process.env, Boolean(process.stdout.isTTY)),
    width: outputWidth(process.stdout, process.env),
    signal: controller.signal,
    onCleanup: (fn) => cleanups.push(fn),
  };
}

/** Run a command action, print a one-line error for anything it throws, and exit. */
export async function runAction(global: GlobalOptions, action: Action): Promise<never> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  setInterruptSignal(controller.signal);
  // A library failing outside any promise we await (a socket error in a driver) still gets
  // one line and an exit code, never a stack trace.
  const crash = (error: unknown) => {
    const code = reportError(error);
    void runCleanups().finally(() => process.exit(code));
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // The reader went away (`schemaguard inspect | head`): stop as a SIGPIPE'd tool does, quietly,
  // exit 141. An error on a closed stderr is swallowed: reporting it there would fail again, forever.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') return crash(error);
    controller.abort();
    void runCleanups().finally(() => process.exit(BROKEN_PIPE));
  });
  process.stderr.on('error', () => undefined);
  let code: number;
  try {
    const prepared = await prepareGlobals(global, commandOf(global), {
      cwd: process.cwd(),
      env: process.env,
      warn: (line) => process.stderr.write(`schemaguard: ${line}\n`),
    });
    code = await action(makeContext(prepared));
  } catch (error) {
    code = reportError(error);
  }
  await runCleanups();
  if (interrupted > 0 && code === ExitCode.Clean) code = interruptExit;
  // Let stdout drain before exiting so piped output is never cut short.
  await new Promise<void>((resolve) => (process.stdout.write('') ? resolve() : process.stdout.once('drain', resolve)));
  process.exit(code);
}

export function reportError(error: unknown): number {
  if (error instanceof SchemaguardError) {
    process.stderr.write(`schemaguard: ${redactSecrets(oneLine(error.message))}\n`);
    return error.exitCode;
  }
  // Anything else is a bug in schemaguard: still one line, with a hint to get the trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`schemaguard: internal error: ${redactSecrets(oneLine(message))}\n`);
  if (process.env.SCHEMAGUARD_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${redactSecrets(error.stack)}\n`);
  } else {
    process.stderr.write('schemaguard: set SCHEMAGUARD_DEBUG=1 for the stack trace and report it as a bug\n');
  }
  return ExitCode.Usage;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
