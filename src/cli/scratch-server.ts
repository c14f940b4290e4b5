// The server `check`, `diff --from migrations` and `migrate generate` build migrations on,
// apart from the code that builds them: a command starts it before loading that code (the
// SQL parser, introspection, the diff), so the server boots while the modules load.
import type { EmbeddedServer } from '../db/embedded.js';
import type { ScratchDatabase } from '../db/scratch.js';
import type { CommandContext } from './context.js';

/** How the scratch server's release compares with the database it is diffed against. */
export interface ReleaseMatch {
  readonly scratch: number;
  readonly target: number;
}

type Started = { adminUrl: string; embedded?: EmbeddedServer; release?: ReleaseMatch };

/**
 * Scratch databases for `migrations`: on SCHEMAGUARD_SCRATCH_URL's server if set, else an
 * embedded one; of the release of the database named by matchUrl() when binaries of it are
 * found (views, defaults and casts print differently across releases).
 */
export class ScratchServer {
  private server: Promise<Started> | undefined;
  private target: string | undefined;
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

  /** Build on the release of the server at `url` (called before the first adminUrl()). */
  matchUrl(url: string): void {
    this.target = url;
  }

  /** The releases of scratch and target when they differ (after the server started), else undefined. */
  async mismatch(): Promise<ReleaseMatch | undefined> {
    await this.adminUrl();
    const { release: r } = await this.server!;
    return r && r.scratch !== r.target ? r : undefined;
  }

  /** Begin starting the server now (it is an external process: it starts while we compile models). */
  warmUp(): void {
    this.adminUrl().catch(() => undefined);
  }

  adminUrl(): Promise<string> {
    this.server ??= (async (): Promise<Started> => {
      try {
        return await this.start();
      } finally {
        // Whatever happened, nothing waits on booting() any longer (a failed start included).
        this.booted();
      }
    })();
    return this.server.then((s) => s.adminUrl);
  }

  private async start(): Promise<Started> {
    const given = this.ctx.env.SCHEMAGUARD_SCRATCH_URL;
    const target = this.target ? await releaseOf(this.target) : undefined;
    if (given) {
      return { adminUrl: given, ...(target !== undefined ? { release: { scratch: await releaseOf(given), target } } : {}) };
    }
    // SCHEMAGUARD_MATCH_RELEASE=off: always the embedded release (views then compared by parse tree).
    const search = target !== undefined && this.ctx.env.SCHEMAGUARD_MATCH_RELEASE !== 'off';
    const binDir = search ? await (await import('../db/binaries.js')).findServerBinaries(target, this.ctx.env, this.ctx.cwd) : undefined;
    const { startEmbedded } = await import('../db/embedded.js');
    const embedded = await startEmbedded({ onBooting: () => this.booted(), ...(binDir ? { binDir } : {}) });
    this.ctx.onCleanup(() => embedded.stop());
    return { adminUrl: embedded.url, embedded, ...(target !== undefined ? { release: { scratch: await releaseOf(embedded.url), target } } : {}) };
  }
}

async function releaseOf(url: string): Promise<number> {
  const [{ connect }, { majorOfNum }] = await Promise.all([import('../db/connect.js'), import('../db/binaries.js')]);
  const sql = await connect(url, { max: 1, applicationName: 'schemaguard diff' });
  try {
    const [row] = await sql.unsafe<{ v: number }[]>(`select current_setting('server_version_num')::int as v`);
    return majorOfNum(row!.v);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
