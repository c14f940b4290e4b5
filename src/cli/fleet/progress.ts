// Progress of a fleet run on stderr. On a terminal: one live line, redrawn (done/failed/
// running, the slowest running target). Elsewhere (CI logs, tests): one line per finished
// target, so a log reads as a sequence. Each finished target's own log lines are printed
// together, prefixed with its name, never interleaved with another target's.
import type { Progress } from '../../fleet/run.js';
import { fmtSeconds } from '../../fleet/run.js';
import type { CommandContext } from '../context.js';

export interface ProgressPrinter {
  update(p: Progress): void;
  /** Print a line above the live one. */
  line(text: string): void;
  end(): void;
}

function describe(p: Progress, now: number): string {
  const slowest = [...p.running].sort((a, b) => a.since - b.since)[0];
  const running = p.running.length > 0 ? `, ${p.running.length} running${slowest ? ` (slowest ${slowest.name} ${fmtSeconds(now - slowest.since)})` : ''}` : '';
  return `fleet: ${p.done}/${p.total} done, ${p.failed} failed${running}`;
}

export function progressPrinter(ctx: CommandContext, quiet: boolean): ProgressPrinter {
  const tty = Boolean(ctx.stderr.isTTY);
  let last: Progress | undefined;
  let shown = false;
  const clear = () => {
    if (tty && shown) ctx.stderr.write('\r\x1b[K');
    shown = false;
  };
  const draw = () => {
    if (!tty || !last) return;
    ctx.stderr.write(`\r\x1b[K${describe(last, Date.now())}`);
    shown = true;
  };
  const timer = tty ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    update(p) {
      last = p;
      if (quiet) return;
      if (tty) return draw();
      if (p.finished) {
        const f = p.finished;
        const what = f.status === 'failed' ? `failed: ${f.error ?? ''}` : (f.summary ?? f.status);
        ctx.stderr.write(`${describe(p, Date.now())}; ${f.target.name} ${f.status} (${fmtSeconds(f.ms)}): ${what}\n`);
      }
    },
    line(text) {
      if (quiet) return;
      clear();
      ctx.stderr.write(`${text}\n`);
      draw();
    },
    end() {
      if (timer) clearInterval(timer);
      clear();
    },
  };
}
