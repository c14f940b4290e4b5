// A CommandContext for one target of a fleet run: the single-target command runs unchanged,
// its stdout captured (the fleet reads its JSON), its stderr kept as that target's log, its
// cleanups (closing pools) run as soon as the target is done, so connections stay bounded.
import { Readable, Writable } from 'node:stream';
import type { CommandContext, GlobalOptions } from '../context.js';

export interface TargetContext {
  readonly ctx: CommandContext;
  stdout(): string;
  /** Close what the command opened (its onCleanup functions, newest first). */
  cleanup(): Promise<void>;
}

function sink(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, done) {
      write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
}

export function targetContext(parent: CommandContext, global: GlobalOptions, signal: AbortSignal, log: (line: string) => void): TargetContext {
  const out: string[] = [];
  let partial = '';
  const err = sink((text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim() !== '') log(l);
  });
  const cleanups: Array<() => Promise<void> | void> = [];
  // Never a TTY: nothing prompts per target (migrate down over a fleet needs --yes).
  const stdin = Readable.from([]);
  const ctx: CommandContext = {
    global,
    cwd: parent.cwd,
    env: parent.env,
    stdout: sink((text) => out.push(text)),
    stderr: err,
    stdin,
    color: false,
    // A target's own output is JSON for the merged report; the width is never used for it.
    width: parent.width,
    signal,
    onCleanup: (fn) => cleanups.push(fn),
  };
  return {
    ctx,
    stdout: () => out.join(''),
    async cleanup() {
      if (partial.trim() !== '') log(partial);
      partial = '';
      while (cleanups.length > 0) {
        try {
          await cleanups.pop()!();
        } catch {
          /* best effort, as in src/cli/run.ts */
        }
      }
    },
  };
}
