import { connect, resolveDatabaseUrl } from '../../db/connect.js';
import { ExitCode } from '../../errors.js';
import { introspect } from '../../introspect/index.js';
import { renderInspectTable } from '../../report/inspect-table.js';
import { out, type CommandContext } from '../context.js';

export async function inspectCommand(ctx: CommandContext, opts: { format: 'table' | 'json' }): Promise<ExitCode> {
  const url = resolveDatabaseUrl(ctx.global.db, ctx.env);
  const sql = await connect(url, { applicationName: 'schemaguard inspect' });
  ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const schema = await introspect(sql, { schemas: ctx.global.schema });
  out(ctx, opts.format === 'json' ? JSON.stringify(schema, null, 2) : renderInspectTable(schema, { color: ctx.color }));
  return ExitCode.Clean;
}
