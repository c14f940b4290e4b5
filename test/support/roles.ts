// Roles are cluster-wide: test files that need one create it if missing, racing safely with
// other files doing the same (a concurrent CREATE ROLE fails with unique_violation).
import { connect } from '../../src/db/connect.js';
import { quoteIdent, quoteLiteral } from '../../src/schema/quote.js';
import { adminUrl } from './db.js';

export async function ensureRole(name: string): Promise<void> {
  const admin = await connect(adminUrl());
  try {
    await admin.unsafe(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = ${quoteLiteral(name)}) then create role ${quoteIdent(name)}; end if;
    exception when duplicate_object or unique_violation then null;
    end $$`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
