// The Markdown report, for a pull-request comment: the verdict and counts first, tables with
// findings worst first (long ones folded in <details>), clean tables in one line, legacy
// objects with their evidence, and next steps computed from what was found: `migrate up` when
// pending migrations exist, `migrate generate` for what no migration does yet, the
// accepted-drift file for what stays. Never longer than a GitHub comment allows: past the cap,
// the remaining tables are listed by name with a pointer to the full report.
import { SCHEMA_WIDE, severityRank, summaryLine, type Finding, type TableReport, type TableStatus } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';
import { cell, code, COMMENT_LIMIT } from './markdown.js';

const ICON = { critical: '🔴', warning: '🟠', info: '🔵', ok: '✅' } as const;

/** Findings of a table beyond this many are folded into <details>. */
const FOLD_AFTER = 5;
/** Clean tables named in the one line that lists them. */
const CLEAN_NAMES = 50;

export interface MarkdownOptions {
  /** Hard cap on the document's length in characters (default: below GitHub's 65,536). */
  readonly maxLength?: number;
}

function rank(s: TableStatus): number {
  return s === 'ok' ? 0 : severityRank(s);
}

function tableLabel(t: TableReport): string {
  return t.table === SCHEMA_WIDE ? 'types, views and functions' : code(t.table);
}

function open(t: TableReport): Finding[] {
  return t.findings.filter((f) => !f.accepted);
}

function counts(findings: readonly Finding[]): string {
  const n = (s: string) => findings.filter((f) => f.severity === s).length;
  return [`${n('critical')} critical`, plural(n('warning'), 'warning'), `${n('info')} info`].filter((p) => !p.startsWith('0 ')).join(', ') || 'none open';
}

function findingRow(f: Finding): string {
  const severity = f.accepted ? `accepted (${f.severity})` : `${ICON[f.severity]} ${f.severity}`;
  return `| ${severity} | ${cell(f.message)} | ${code(f.fix)} |`;
}

/** Open legacy findings are listed once, in the legacy section (with rows and use). */
function inLegacySection(f: Finding): boolean {
  return f.rule.startsWith('legacy-') && !f.accepted;
}

/** One table's section: heading, then its findings (folded when many); null when all are legacy. */
function tableSection(t: TableReport): string | null {
  const own = t.findings.filter((f) => !inLegacySection(f));
  if (own.length === 0) return null;
  const legacy = t.findings.length - own.length;
  const rows = ['| severity | finding | fix |', '|---|---|---|', ...own.map(findingRow)];
  const origin = t.origin !== 'declared' ? ` (${t.origin})` : '';
  const head = `#### ${ICON[t.status]} ${tableLabel(t)}${origin}`;
  const note = legacy > 0 ? ['', `…and ${plural(legacy, 'legacy object')}, under Legacy objects still present.`] : [];
  if (own.length <= FOLD_AFTER) return [head, '', ...rows, ...note].join('\n');
  return [head, '', `<details><summary>${own.length} findings: ${counts(own)}</summary>`, '', ...rows, '', '</details>', ...note].join('\n');
}

function legacySection(findings: readonly Finding[]): string | null {
  const legacy = findings.filter(inLegacySection);
  if (legacy.length === 0) return null;
  const rows = legacy.map((f) => {
    const rows = f.usage ? `${f.usage.rowCount.toLocaleString('en-US')}${f.usage.rowCountCapped ? '+' : ''}` : '';
    const rw = f.usage ? `${f.usage.reads} / ${f.usage.writes}` : '';
    return `| ${code(f.object)} | ${rows} | ${rw} | ${cell(f.legacy?.reason ?? f.message)} | ${f.legacy?.replacedBy ? code(f.legacy.replacedBy) : '—'} |`;
  });
  const table = ['| object | rows | reads / writes since stats reset | why it is legacy | replaced by |', '|---|---:|---|---|---|', ...rows];
  const body = legacy.length <= FOLD_AFTER ? table : [`<details><summary>${legacy.length} legacy objects</summary>`, '', ...table, '', '</details>'];
  return ['### Legacy objects still present', '', ...body].join('\n');
}

const APPLIES: ReadonlySet<string> = new Set(['missing-table', 'missing-column', 'missing-enum', 'missing-index', 'missing-constraint', 'column-mismatch', 'enum-mismatch', 'index-mismatch', 'constraint-mismatch', 'table-mismatch']);
const RENAMES: ReadonlySet<string> = new Set(['renamed-table', 'renamed-column']);
const UNDECLARED: ReadonlySet<string> = new Set(['undeclared-table', 'undeclared-column', 'undeclared-enum', 'orphaned-index', 'orphaned-constraint']);

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** What to run next, from the findings and whether migrations are pending. */
export function nextSteps(findings: readonly Finding[], pendingMigrations?: readonly string[] | null): string[] {
  const live = findings.filter((f) => !f.accepted);
  if (live.length === 0) return ['- Nothing to do: the database matches the models.'];
  const steps: string[] = [];
  const of = (set: ReadonlySet<string>) => live.filter((f) => set.has(f.rule));
  const toApply = of(APPLIES);
  const renames = of(RENAMES);
  const history = live.filter((f) => f.rule === 'migration-history');
  const pending = pendingMigrations ?? [];
  if (history.length > 0) steps.push(`- Resolve the ${plural(history.length, 'migration history problem')} first (an applied migration edited or missing, or numbered out of order): the other steps rely on the history.`);
  if (pending.length > 0 && (toApply.length > 0 || renames.length > 0)) {
    steps.push(`- Apply the ${plural(pending.length, 'pending migration')} (${pending.slice(0, 3).map(code).join(', ')}${pending.length > 3 ? ', …' : ''}): ${code('schemaguard migrate up')}, then audit again; what remains needs a new migration.`);
  } else if (toApply.length > 0 && pendingMigrations == null) {
    steps.push(`- Create the ${plural(toApply.length, 'missing or different object')}: ${code('schemaguard migrate up')} if a migration already does it (${code('schemaguard check')} tells), else write one with ${code('schemaguard migrate generate NAME')}.`);
  } else if (toApply.length > 0) {
    steps.push(`- No migration creates the ${plural(toApply.length, 'missing or different object')} yet: write it with ${code('schemaguard migrate generate NAME')}, review it, then ${code('schemaguard migrate up')}.`);
  }
  if (renames.length > 0) {
    const specs = renames.slice(0, 3).map((f) => code(renameSpec(f))).join(', ');
    steps.push(`- Confirm the ${plural(renames.length, 'likely rename')} and write ${renames.length === 1 ? 'it' : 'them'} as renames (the data stays): ${code('schemaguard migrate generate NAME --rename OLD:NEW')}${specs ? `, e.g. ${specs}` : ''}.`);
  }
  const legacy = live.filter((f) => f.rule.startsWith('legacy-'));
  if (legacy.length > 0) steps.push(`- Move the data out of the ${plural(legacy.length, 'legacy object')}, then drop them in a migration whose down restores them.`);
  const undeclared = of(UNDECLARED);
  if (undeclared.length > 0) steps.push(`- Declare the ${plural(undeclared.length, 'undeclared object')} in the models (or as legacy), or drop what nothing uses.`);
  const shapes = live.filter((f) => f.rule === 'jsonb-shape');
  if (shapes.length > 0) steps.push(`- Migrate the JSON documents that fail their declared shape (${plural(shapes.length, 'column')}), or widen the shape.`);
  const example = live.find((f) => f.severity !== 'critical') ?? live[0]!;
  steps.push(`- Drift you will live with for now: add it to the accepted-drift file with a reason, an owner and an expiry date (e.g. ${code(`{ "finding": "${example.id}", "reason": "…", "owner": "…", "expires": "YYYY-MM-DD" }`)}).`);
  return steps;
}

/** `table.old:new` / `old:new` for --rename, from a rename finding's fix (`… RENAME COLUMN a TO b`). */
function renameSpec(f: Finding): string {
  const column = /RENAME COLUMN (\S+) TO (\S+?);/.exec(f.fix);
  const table = /ALTER TABLE (\S+) RENAME TO (\S+?);/.exec(f.fix);
  const bare = (s: string) => s.split('.').pop()!.replace(/^"|"$/g, '');
  if (column && f.table) return `${bare(f.table)}.${bare(column[1]!)}:${bare(column[2]!)}`;
  if (table) return `${bare(table[1]!)}:${bare(table[2]!)}`;
  return f.object;
}

export function renderAuditMarkdown(input: AuditReportInput, options: MarkdownOptions = {}): string {
  const limit = Math.min(options.maxLength ?? COMMENT_LIMIT - 1_536, COMMENT_LIMIT - 1);
  const { result } = input;
  const verdict = input.failed ? `❌ **Fails** at ${code(`--fail-on ${input.failOn}`)}` : `✅ **Passes** at ${code(`--fail-on ${input.failOn}`)}`;
  const head = [`## Schema audit: ${code(input.target)}`, '', `${verdict}: ${cell(summaryLine(result))}.`];

  // Worst first; the schema-wide group after the tables of its rank.
  const withFindings = [...result.tables.filter((t) => t.findings.length > 0)].sort(
    (a, b) => rank(b.status) - rank(a.status) || Number(a.table === SCHEMA_WIDE) - Number(b.table === SCHEMA_WIDE) || (a.table < b.table ? -1 : 1),
  );
  const clean = result.tables.filter((t) => t.findings.length === 0);
  if (withFindings.length > 0) {
    head.push('', '| table | status | open findings |', '|---|---|---|');
    for (const t of withFindings) head.push(`| ${tableLabel(t)}${t.origin !== 'declared' ? ` (${t.origin})` : ''} | ${ICON[t.status]} ${t.status} | ${counts(open(t))}${t.findings.length > open(t).length ? `; ${t.findings.length - open(t).length} accepted` : ''} |`);
  }
  if (clean.length > 0) {
    const names = clean.slice(0, CLEAN_NAMES).map((t) => code(t.table)).join(', ');
    head.push('', `${ICON.ok} ${plural(clean.length, 'table matches', 'tables match')} the models: ${names}${clean.length > CLEAN_NAMES ? `, and ${clean.length - CLEAN_NAMES} more` : ''}.`);
  }

  const tail: string[] = [];
  const legacy = legacySection(result.findings);
  if (legacy) tail.push('', legacy);
  tail.push('', '### Next steps', '', ...nextSteps(result.findings, input.pendingMigrations));

  const sectionOf = withFindings.map((t) => ({ t, text: tableSection(t) }));
  const sections = sectionOf.flatMap((s) => (s.text === null ? [] : [s.text]));
  const sectionTables = sectionOf.flatMap((s) => (s.text === null ? [] : [s.t]));
  const join = (parts: readonly string[]) => `${parts.join('\n')}\n`;
  const findingsHead = sections.length > 0 ? ['', '### Findings'] : [];
  const full = join([...head, ...findingsHead, ...sections.flatMap((s) => ['', s]), ...tail]);
  if (full.length <= limit) return full;

  // Too long for a comment: keep the summary, next steps and as many table sections (worst
  // first) as fit; name the rest and point at the full report.
  const pointer = (left: readonly TableReport[]) =>
    [
      '',
      `> **Cut to fit a comment**: ${plural(left.length, 'more table')} with ${plural(left.reduce((n, t) => n + t.findings.length, 0), 'finding')} not shown (${left.slice(0, 20).map(tableLabel).join(', ')}${left.length > 20 ? ', …' : ''}).`,
      `> Full report: ${input.fullReport ? cell(input.fullReport) : `${code('schemaguard audit --format markdown --out report.md')} (or ${code('--format json')})`}.`,
    ].join('\n');
  const kept: string[] = [];
  let size = join([...head, ...findingsHead, ...tail]).length + pointer(sectionTables).length + 1;
  let i = 0;
  for (; i < sections.length; i++) {
    const add = sections[i]!.length + 2;
    if (size + add > limit) break;
    kept.push('', sections[i]!);
    size += add;
  }
  const cut = join([...head, ...findingsHead, ...kept, pointer(sectionTables.slice(i)), ...tail]);
  if (cut.length <= limit) return cut;
  // Even the summary is too long (thousands of tables): the summary cut on a line boundary
  // (it holds no <details> to leave open), then the pointer.
  const note = `\n\n> **Cut to fit a comment.** Full report: ${input.fullReport ? cell(input.fullReport) : code('schemaguard audit --format markdown --out report.md')}.\n`;
  const body = join(head).slice(0, limit - note.length);
  return `${body.slice(0, Math.max(0, body.lastIndexOf('\n')))}${note}`;
}
