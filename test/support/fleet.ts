// A small project for fleet tests: two models (accounts, notes), their migrations, and a
// config listing targets. Migrations use unqualified names, so a tenant target (search_path
// set to its schema) builds the same tables inside its schema.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DSL = fileURLToPath(new URL('../../src/model/index.ts', import.meta.url));

export const FLEET_MIGRATIONS: Record<string, string> = {
  '000001_accounts.up.sql': 'CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n',
  '000001_accounts.down.sql': 'DROP TABLE accounts;\n',
  '000002_notes.up.sql': 'CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), body text);\n',
  '000002_notes.down.sql': 'DROP TABLE notes;\n',
};

const MODELS = `import { t, table } from ${JSON.stringify(DSL)};
export const accounts = table('accounts', { id: t.bigint().primaryKey(), email: t.text().notNull() });
export const notes = table('notes', {
  id: t.bigint().primaryKey(),
  account_id: t.bigint().notNull().references('accounts', 'id'),
  body: t.text(),
});
`;

export interface FleetProject {
  readonly dir: string;
  readonly migrations: string;
  addMigration(name: string, up: string, down?: string): void;
  writeConfig(targets: unknown): void;
}

export function fleetProject(): FleetProject {
  const dir = mkdtempSync(join(tmpdir(), 'sg-fleet-'));
  const migrations = join(dir, 'migrations');
  mkdirSync(migrations);
  for (const [name, sql] of Object.entries(FLEET_MIGRATIONS)) writeFileSync(join(migrations, name), sql);
  writeFileSync(join(dir, 'models.ts'), MODELS);
  const project: FleetProject = {
    dir,
    migrations,
    addMigration(name, up, down = '-- nothing\n') {
      writeFileSync(join(migrations, `${name}.up.sql`), up);
      writeFileSync(join(migrations, `${name}.down.sql`), down);
    },
    writeConfig(targets) {
      writeFileSync(join(dir, 'schemaguard.config.json'), JSON.stringify({ models: './models.ts', migrations: './migrations', schemas: ['public'], targets }, null, 2));
    },
  };
  project.writeConfig(undefined);
  return project;
}

/** The fleet JSON document (src/report/fleet-model.ts), as tests read it. */
export interface FleetDoc {
  schemaguard: 'fleet';
  version: number;
  command: string;
  stopped: string | null;
  summary: { targets: number; ok: number; behind: number; drifted: number; failed: number; skipped: number; exitCode: number; worst: { target: string; severity: string; message: string } | null; text: string };
  targets: { name: string; where: string; schema: string | null; status: string; exitCode: number; canary: boolean; summary: string | null; error: string | null; findings: { severity: string; rule: string | null; object: string | null }[]; detail: unknown }[];
}
