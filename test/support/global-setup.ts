// One PostgreSQL server for the whole test run: DATABASE_URL when given, else the embedded
// server. Each test file then creates its own database on it (see test/support/db.ts).
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';

let server: EmbeddedServer | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startEmbedded();
    adminUrl = server.url;
  }
  project.provide('adminUrl', adminUrl);
  return async () => {
    await server?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
  }
}
