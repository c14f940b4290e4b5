// The server `check`, `diff --from migrations` and `migrate generate` build migrations on,
// apart from the code that builds them: a command starts it before loading that code (the
// SQL parser, introspection, the diff), so the server boots while the modules load.
import type { EmbeddedServer } from '../db/embedded.js';
import type { CommandContext } from './context.js';

/** Scratch databases for `migrations`: on SCHEMAGUARD_SCRATCH_URL's server if set, else an embedded one. */
export class ScratchServer {
  private server: Promise<{ adminUrl: string; embedded?: EmbeddedServer }> | undefined;
  constructor(private readonly ctx: CommandContext) {}

  /** Begin starting the server now (it is an external process: it starts while we compile models). */
  warmUp(): void {
    this.adminUrl().catch(() => undefined);
  }

  adminUrl(): Promise<string> {
    this.server ??= (async () => {
      const given = this.ctx.env.SCHEMAGUARD_SCRATCH_URL;
      if (given) return { adminUrl: given };
      const { startEmbedded } = await import('../db/embedded.js');
      const embedded = await startEmbedded();
      this.ctx.onCleanup(() => embedded.stop());
      return { adminUrl: embedded.url, embedded };
    })();
    return this.server.then((s) => s.adminUrl);
  }
}
