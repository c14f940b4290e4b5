// In-file silencing: `-- schemaguard:lint-ignore SG001[,SG003] reason: why` silences those
// rules for the statement it precedes (or sits in); `-- schemaguard:lint-ignore-file …` for
// the whole file. A directive without a reason, or naming an unknown rule, is bad input: an
// SG000 finding at its place (the run goes on; the CLI exits 2).
import { isRuleId, RULE_IDS, type RuleId } from './rules.js';
import type { SqlSource } from './source.js';

export interface Directive {
  readonly rules: readonly RuleId[];
  readonly reason: string;
  readonly scope: 'statement' | 'file';
  /** Index of the statement it applies to (scope 'statement'); -1 when none follows. */
  readonly statement: number;
  readonly line: number;
}

const DIRECTIVE = /schemaguard:lint-ignore(-file)?\b(.*)$/s;

/** A directive lint cannot follow, at its place (1-based): an SG000 finding, not a stop. */
export interface DirectiveProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fix: string;
  /** `file:line:col: message`, as the CLI's one-line error gives it. */
  readonly error: string;
}

export function readDirectives(source: SqlSource): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  for (const comment of source.comments) {
    const body = comment.text.replace(/^--/, '').replace(/^\/\*/, '').replace(/\*\/$/, '');
    const match = DIRECTIVE.exec(body);
    if (!match) continue;
    const at = source.positions.atByte(comment.start);
    const bad = (message: string, fix: string) => problems.push({ ...at, message, fix, error: `${source.file}:${at.line}:${at.column}: ${message}` });
    const rest = (match[2] ?? '').trim();
    const reasonAt = rest.search(/\breason\s*:/i);
    const idsPart = reasonAt >= 0 ? rest.slice(0, reasonAt) : rest;
    const reason = reasonAt >= 0 ? rest.slice(reasonAt).replace(/^reason\s*:/i, '').trim() : '';
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) {
      bad('lint-ignore directive names no rule (write: -- schemaguard:lint-ignore SG001 reason: why)', 'name the rules it silences, then the reason');
      continue;
    }
    const unknown = ids.filter((id) => !isRuleId(id.toUpperCase()));
    if (unknown.length > 0) {
      bad(`lint-ignore directive names unknown rule ${unknown.join(', ')}`, `use the ids schemaguard lint --help lists (${RULE_IDS[0]}–${RULE_IDS[RULE_IDS.length - 1]})`);
      continue;
    }
    if (!reason) {
      bad(`lint-ignore directive must give a reason (write: -- schemaguard:lint-ignore ${ids.join(',')} reason: why)`, 'say why the finding is safe here, after reason: (the next reader needs it)');
      continue;
    }
    const scope = match[1] ? 'file' : 'statement';
    const statement = scope === 'file' ? -1 : source.statements.findIndex((s) => s.end > comment.start);
    directives.push({ rules: ids.map((id) => id.toUpperCase() as RuleId), reason, scope, statement, line: at.line });
  }
  return { directives, problems };
}

/** The directive that silences `rule` for statement `index` (-1: a file-level finding), if any. */
export function silencing(directives: readonly Directive[], rule: RuleId, index: number): Directive | undefined {
  return directives.find((d) => d.rules.includes(rule) && (d.scope === 'file' || (index >= 0 && d.statement === index)));
}
