// `migrate status` as a table that fits the terminal: one line per migration (the name is
// shortened with an ellipsis, never wrapped; "by" wraps at its @), no rules between rows.
import { Chalk } from 'chalk';
import type { StatusReport } from '../migrate/runner.js';
import { renderColumns, type Cell } from './fit.js';

export function renderStatusTable(report: StatusReport, options: { readonly color: boolean; readonly width: number }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const stateStyle = (state: string) => (state === 'applied' ? c.green : state === 'pending' ? c.yellow : c.red);
  const rows: Cell[][] = report.migrations.map((m) => {
    const state = m.baseline && m.state === 'applied' ? 'applied (baseline)' : m.state;
    return [
      m.name,
      { text: state, style: stateStyle(m.state) },
      m.appliedAt === null ? '' : shortTime(m.appliedAt),
      m.executionMs === null ? '' : `${m.executionMs}ms`,
      m.appliedBy ? `${m.appliedBy}@${m.clientHost ?? m.clientAddr ?? '?'}` : '',
    ];
  });
  return renderColumns(
    [{ header: 'migration', nowrap: true }, { header: 'state' }, { header: 'applied at (UTC)', nowrap: true }, { header: 'took', align: 'right' }, { header: 'by', nowrap: true }],
    rows,
    { width: options.width, headerStyle: (h) => c.bold(h) },
  );
}

/** An ISO timestamp to the second, as a person reads it: 2026-12-03 07:12:33. */
function shortTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19).replace('T', ' ');
}
