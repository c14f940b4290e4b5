// Which of the renames the differ suspects become RENAME statements: those named with
// `--rename old:new` (or recorded in the config), or confirmed one by one on a TTY. The others
// are planned as a drop and an add, and stderr says so.
import { createInterface } from 'node:readline/promises';
import { diff } from '../diff/index.js';
import { UsageError } from '../errors.js';
import { renameLabel, type RenameChange, type RenameSpec } from '../plan/renames.js';
import type { Schema } from '../schema/types.js';
import { info, type CommandContext } from './context.js';

export function parseRenameSpecs(values: readonly string[] | undefined): RenameSpec[] {
  return (values ?? []).map((v) => {
    const i = v.lastIndexOf(':');
    const from = v.slice(0, i).trim();
    const to = v.slice(i + 1).trim();
    if (i <= 0 || !from || !to) throw new UsageError(`--rename expects old:new (e.g. campaigns:lead_generation_campaigns or campaign_jobs.payload:job_payload), not "${v}"`);
    return { from, to };
  });
}

function names(change: RenameChange, tableRenames: readonly RenameChange[]): { from: string[]; to: string[] } {
  if (change.kind === 'RenameTable') {
    const f = change.from;
    return { from: [`${f.schema}.${f.name}`, f.name], to: [`${change.to.schema}.${change.to.name}`, change.to.name] };
  }
  const t = change.table;
  const oldTable = tableRenames.find((r) => r.kind === 'RenameTable' && r.to.schema === t.schema && r.to.name === t.name);
  const tableNames = [t.name, ...(oldTable && oldTable.kind === 'RenameTable' ? [oldTable.from.name] : [])];
  const from = tableNames.flatMap((n) => [`${t.schema}.${n}.${change.from.name}`, `${n}.${change.from.name}`]);
  return { from, to: [change.to.name, ...tableNames.flatMap((n) => [`${n}.${change.to.name}`, `${t.schema}.${n}.${change.to.name}`])] };
}

/** Labels (renameLabel) of the confirmed renames. */
/**
 * `specs` come from --rename and must each match a likely rename; `recorded` come from the
 * config and may have been applied by a migration already (then they match nothing).
 */
export async function confirmRenames(ctx: CommandContext, from: Schema, to: Schema, specs: readonly RenameSpec[], interactive: boolean, recorded: readonly RenameSpec[] = []): Promise<Set<string>> {
  const suspected = diff(from, to).filter((c): c is RenameChange => c.kind === 'RenameTable' || c.kind === 'RenameColumn');
  const confirmed = new Set<string>();
  const used = new Set<RenameSpec>();
  for (const change of suspected) {
    const n = names(change, suspected);
    const spec = specs.find((s) => n.from.includes(s.from) && n.to.includes(s.to));
    if (spec) {
      confirmed.add(renameLabel(change));
      used.add(spec);
    } else if (recorded.some((s) => n.from.includes(s.from) && n.to.includes(s.to))) {
      confirmed.add(renameLabel(change));
    }
  }
  const unused = specs.filter((s) => !used.has(s));
  if (unused.length > 0) {
    const known = suspected.map(renameLabel).join(', ') || 'none';
    throw new UsageError(`--rename ${unused[0]!.from}:${unused[0]!.to} matches no likely rename (found: ${known})`);
  }
  const open = suspected.filter((c) => !confirmed.has(renameLabel(c)));
  if (open.length > 0 && interactive && ctx.stdin.isTTY && ctx.stderr.isTTY) {
    const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
    try {
      for (const change of open) {
        const answer = await rl.question(`rename ${renameLabel(change)} (confidence ${change.confidence})? [y/N] `);
        if (/^y(es)?$/i.test(answer.trim())) confirmed.add(renameLabel(change));
      }
    } finally {
      rl.close();
    }
  }
  for (const change of suspected) {
    if (!confirmed.has(renameLabel(change))) {
      const [a, b] = renameLabel(change).split(' → ');
      const flag = change.kind === 'RenameTable' ? `${change.from.name}:${change.to.name}` : `${change.table.name}.${change.from.name}:${change.to.name}`;
      info(ctx, `schemaguard: likely rename ${a} → ${b} not confirmed: planned as drop + add (confirm with --rename ${flag})`);
    }
  }
  return confirmed;
}
