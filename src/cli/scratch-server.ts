// The server `check`, `diff --from migrations` and `migrate generate` build migrations on,
// apart from the code that builds them: a command starts it before loading that code (the
// SQL parser, introspection, the diff), so the server boots while the modules load.
import type { EmbeddedServer } from '../db/embedded.js';
import type { ScratchDatabase } from '../db/scratch.js';
import type { CommandContext } from './context.js';

/** Scratch databases for `migrations`: on SCHEMAGUARD_SCRATCH_URL's server if set, else an embedded one. */
export class ScratchServer {
  private server: Promise<{ adminUrl: string; embedded?: EmbeddedServer }> | undefined;
  private ownDatabaseTaken = false;
  private booted!: () => void;
  private readonly bootingPromise = new Promise<void>((resolve) => (this.booted = resolve));
  constructor(private readonly ctx: CommandContext) {}

  /**
   * Resolves when the server needs no more of this thread: at once for a given server, else once
   * its data directory is copied and the process spawned (or its start failed).
   */
  booting(): Promise<void> {
    return this.bootingPromise;
  }

  /**
   * A database to build in. The first one asked of a server started here is its own `postgres`
   * database (as empty as a new one: both are copies of template1), since the whole server is
   * thrown away; CREATE and DROP DATABASE cost a cold `check` a tenth of its time. Any other is
   * a scratch database, dropped by `drop()`.
   */
  async database(prefix: string): Promise<ScratchDatabase> {
    await this.adminUrl();
    const { embedded } = await this.server!;
    if (embedded && !this.ownDatabaseTaken) {
      this.ownDatabaseTaken = true;
      return { name: 'postgres', url: embedded.url, drop: async () => undefined };
    }
    const { createScratchDatabase } = await import('../db/scratch.js');
    return createScratchDatabase(await this.adminUrl(), prefix);
  }

  /** Begin starting the server now (it is an external process: it starts while we compile models). */
  warmUp(): void {
    this.adminUrl().catch(() => undefined);
  }

  adminUrl(): Promise<string> {
    this.server ??= (async () => {
      const given = this.ctx.env.SCHEMAGUARD_SCRATCH_URL;
      if (given) {
        this.booted();
        return { adminUrl: given };
      }
      const { startEmbedded } = await import('../db/embedded.js');
      const embedded = await startEmbedded({ onBooting: () => this.booted() }).finally(() => this.booted());
      this.ctx.onCleanup(() => embedded.stop());
      return { adminUrl: embedded.url, embedded };
    })();
    return this.server.then((s) => s.adminUrl);
  }
}
