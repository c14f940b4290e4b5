// The Markdown report, to paste into a pull request: summary, per-table findings, legacy
// objects still present, next steps.
import { SCHEMA_WIDE, summaryLine, type Finding } from '../audit/index.js';
import type { AuditReportInput } from './audit-model.js';

const ICON = { critical: '🔴', warning: '🟠', info: '🔵', ok: '✅' } as const;

function cell(text: string): string {
  // Any line break (CR, LF, U+2028/9) would end the table row; other controls are dropped.
  return text.replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, ' ');
}

export function renderAuditMarkdown(input: AuditReportInput): string {
  const { result } = input;
  const out: string[] = [];
  out.push(`# Schema audit: \`${input.target}\``);
  out.push('');
  out.push(`**${summaryLine(result)}.** ${input.failed ? `Fails at \`--fail-on ${input.failOn}\`.` : `Passes at \`--fail-on ${input.failOn}\`.`}`);
  out.push('');
  out.push('| table | status | critical | warning | info |');
  out.push('|---|---|---:|---:|---:|');
  for (const t of result.tables) {
    const open = t.findings.filter((f) => !f.accepted);
    const n = (s: string) => open.filter((f) => f.severity === s).length;
    out.push(`| ${t.table === SCHEMA_WIDE ? '(types, views, functions)' : `\`${cell(t.table)}\``}${t.origin !== 'declared' ? ` (${t.origin})` : ''} | ${ICON[t.status]} ${t.status} | ${n('critical')} | ${n('warning')} | ${n('info')} |`);
  }
  const withFindings = result.tables.filter((t) => t.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('');
    out.push('## Findings');
    for (const t of withFindings) {
      out.push('');
      out.push(`### ${t.table === SCHEMA_WIDE ? 'Types, views and functions' : `\`${cell(t.table)}\``} — ${ICON[t.status]} ${t.status}`);
      out.push('');
      out.push('| severity | finding | fix |');
      out.push('|---|---|---|');
      for (const f of t.findings) out.push(`| ${f.accepted ? `accepted (${f.severity})` : `${ICON[f.severity]} ${f.severity}`} | ${cell(f.message)} | \`${cell(f.fix)}\` |`);
    }
  }
  const legacy = result.findings.filter((f) => (f.rule === 'legacy-table' || f.rule === 'legacy-column' || f.rule === 'legacy-enum' || f.rule === 'legacy-object') && !f.accepted);
  if (legacy.length > 0) {
    out.push('');
    out.push('## Legacy objects still present');
    out.push('');
    out.push('| object | rows | reads / writes since stats reset | why it is legacy | replaced by |');
    out.push('|---|---:|---|---|---|');
    for (const f of legacy) {
      const rows = f.usage ? `${f.usage.rowCount.toLocaleString('en-US')}${f.usage.rowCountCapped ? '+' : ''}` : '';
      const rw = f.usage ? `${f.usage.reads} / ${f.usage.writes}` : '';
      out.push(`| \`${cell(f.object)}\` | ${rows} | ${rw} | ${cell(f.legacy?.reason ?? f.message)} | ${f.legacy?.replacedBy ? `\`${cell(f.legacy.replacedBy)}\`` : '—'} |`);
    }
  }
  out.push('');
  out.push('## Next steps');
  out.push('');
  out.push(...nextSteps(result.findings.filter((f) => !f.accepted)));
  return `${out.join('\n')}\n`;
}

function nextSteps(open: readonly Finding[]): string[] {
  if (open.length === 0) return ['- Nothing to do: the database matches the models.'];
  const steps: string[] = [];
  const count = (pred: (f: Finding) => boolean) => open.filter(pred).length;
  const renames = count((f) => f.rule === 'renamed-table' || f.rule === 'renamed-column');
  const missing = count((f) => f.rule === 'missing-table' || f.rule === 'missing-column' || f.rule === 'missing-enum' || (f.rule === 'enum-mismatch' && f.severity === 'critical'));
  const legacy = count((f) => f.rule.startsWith('legacy-'));
  const other = count((f) => f.severity === 'critical') - renames - missing;
  if (renames > 0) steps.push(`- Confirm the ${renames} likely rename${renames === 1 ? '' : 's'} and rename in a migration (not drop + add: the data stays).`);
  if (missing > 0) steps.push(`- Create the ${missing} missing object${missing === 1 ? '' : 's'} the application needs: \`schemaguard migrate up\`, or a new migration.`);
  if (other > 0) steps.push(`- Fix the ${other} other critical finding${other === 1 ? '' : 's'} (types, NOT NULL columns inserts will violate).`);
  if (legacy > 0) steps.push(`- Move the data out of the ${legacy} legacy object${legacy === 1 ? '' : 's'}, then drop them in a migration with a down that restores them.`);
  const warnings = count((f) => f.severity === 'warning' && !f.rule.startsWith('legacy-'));
  if (warnings > 0) steps.push(`- Review the ${warnings} other warning${warnings === 1 ? '' : 's'}: declare what is intended, drop what is orphaned.`);
  steps.push('- Known drift you will live with for now: add it to the accepted-drift file with a reason, an owner and an expiry date.');
  return steps;
}
