import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connect } from '../../db/connect.js';
import { ConfigError, ExitCode } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { renderPull } from '../../pull/render.js';
import { info, type CommandContext } from '../context.js';
import { requireDatabase } from '../database.js';
import { parseHistoryTable } from '../../migrate/history.js';
import { TOOL_TABLES } from '../models.js';
import type { PullFlags } from './pull.def.js';

export async function pullCommand(ctx: CommandContext, flags: PullFlags): Promise<ExitCode> {
  const url = requireDatabase(ctx);
  const dir = resolve(ctx.cwd, flags.out);
  const sql = await connect(url, { applicationName: 'schemaguard pull', max: 2 });
  ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const schema = await introspect(sql, { schemas: ctx.global.schema });
  // Our own history table is not the application's schema.
  const history = parseHistoryTable(flags.historyTable);
  const tables = schema.tables.filter((t) => !TOOL_TABLES.has(t.name) && !(t.schema === history.schema && t.name === history.table));
  const files = renderPull({ ...schema, tables }, { importFrom: flags.importFrom });
  const existing = files.filter((f) => existsSync(join(dir, f.path)));
  if (existing.length > 0 && !flags.force) {
    throw new ConfigError(`${existing.map((f) => join(flags.out, f.path)).join(', ')} already exist${existing.length === 1 ? 's' : ''}: pass --force to overwrite`);
  }
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    // Written beside, then renamed: an interrupted pull never leaves half a file.
    const target = join(dir, f.path);
    writeFileSync(`${target}.tmp`, f.text);
    renameSync(`${target}.tmp`, target);
  }
  info(ctx, `wrote ${files.length} file(s) to ${flags.out}: ${schema.enums.length} enum(s), ${tables.length} table(s); point the config's models at ${join(flags.out, 'index.ts')}`);
  return ExitCode.Clean;
}
