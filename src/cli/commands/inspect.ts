import { connect } from '../../db/connect.js';
import { ExitCode } from '../../errors.js';
import { out, type CommandContext } from '../context.js';
import { requireDatabase } from '../database.js';
import { ownTables } from '../history-flag.js';

export async function inspectCommand(ctx: CommandContext, opts: { format: 'table' | 'json' | 'sql'; historyTable?: string }): Promise<ExitCode> {
  const url = requireDatabase(ctx);
  // Two connections: introspect() runs its heaviest query on the second, in the same snapshot.
  // The handshake runs while the introspection modules load.
  const connecting = connect(url, { applicationName: 'schemaguard inspect', fetchTypes: false, max: 2 });
  const [{ introspect }, sql] = await Promise.all([import('../../introspect/index.js'), connecting]);
  ctx.onCleanup(() => sql.end({ timeout: 5 }));
  const schema = await introspect(sql, { schemas: ctx.global.schema, ownTables: ownTables(opts.historyTable) });
  if (opts.format === 'json') {
    const { jsonChunks } = await import('../../report/json-chunks.js');
    // The server's role list is there for the planner (a plan must not name a missing role); it
    // describes the cluster, not this database's schema, so it stays out of the report.
    const { roles: _roles, ...described } = schema;
    await writeChunks(ctx.stdout, jsonChunks(described as unknown as Record<string, unknown>), '\n');
  } else if (opts.format === 'sql') {
    const [{ renderInspectSql }, { describeUrl }] = await Promise.all([import('../../report/inspect-sql.js'), import('../sources.js')]);
    out(ctx, renderInspectSql(schema, describeUrl(url)));
  } else {
    // The table renderer pulls in chalk and the layout code: only load them when they are used.
    const { renderInspectTable } = await import('../../report/inspect-table.js');
    out(ctx, renderInspectTable(schema, { color: ctx.color, width: ctx.width }));
  }
  return ExitCode.Clean;
}

/** Write in pieces of about 64 kB, waiting whenever the reader has not caught up. */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>, last: string): Promise<void> {
  let batch = '';
  const flush = async () => {
    if (!stream.write(batch)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    batch = '';
  };
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 65_536) await flush();
  }
  batch += last;
  await flush();
}
