// Throwaway databases on a server we control (the embedded one, or DATABASE_URL in tests).
import { randomBytes } from 'node:crypto';
import { quoteIdent } from '../schema/quote.js';
import { connect, type Sql } from './connect.js';

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Replace the database part of a postgres:// URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Create a uniquely named database next to the one `adminUrl` points at. */
export async function createScratchDatabase(adminUrl: string, prefix = 'sg_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await connect(adminUrl);
  try {
    await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  return {
    name,
    url,
    async drop() {
      const a: Sql = await connect(adminUrl);
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}
