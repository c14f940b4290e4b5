// In-file silencing: `-- schemaguard:lint-ignore SG001[,SG003] reason: why` silences those
// rules for the statement it precedes (or sits in); `-- schemaguard:lint-ignore-file …` for
// the whole file. A directive without a reason, or naming an unknown rule, is bad input.
import { UsageError } from '../errors.js';
import { isRuleId, type RuleId } from './rules.js';
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

export class LintDirectiveError extends UsageError {}

export function readDirectives(source: SqlSource): Directive[] {
  const directives: Directive[] = [];
  for (const comment of source.comments) {
    const body = comment.text.replace(/^--/, '').replace(/^\/\*/, '').replace(/\*\/$/, '');
    const match = DIRECTIVE.exec(body);
    if (!match) continue;
    const at = source.positions.atByte(comment.start);
    const where = `${source.file}:${at.line}:${at.column}`;
    const rest = (match[2] ?? '').trim();
    const reasonAt = rest.search(/\breason\s*:/i);
    const idsPart = reasonAt >= 0 ? rest.slice(0, reasonAt) : rest;
    const reason = reasonAt >= 0 ? rest.slice(reasonAt).replace(/^reason\s*:/i, '').trim() : '';
    const ids = idsPart.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) {
      throw new LintDirectiveError(`${where}: lint-ignore directive names no rule (write: -- schemaguard:lint-ignore SG001 reason: why)`);
    }
    const unknown = ids.filter((id) => !isRuleId(id.toUpperCase()));
    if (unknown.length > 0) throw new LintDirectiveError(`${where}: lint-ignore directive names unknown rule ${unknown.join(', ')}`);
    if (!reason) {
      throw new LintDirectiveError(`${where}: lint-ignore directive must give a reason (write: -- schemaguard:lint-ignore ${ids.join(',')} reason: why)`);
    }
    const scope = match[1] ? 'file' : 'statement';
    const statement = scope === 'file' ? -1 : source.statements.findIndex((s) => s.end > comment.start);
    directives.push({ rules: ids.map((id) => id.toUpperCase() as RuleId), reason, scope, statement, line: at.line });
  }
  return directives;
}

/** The directive that silences `rule` for statement `index` (-1: a file-level finding), if any. */
export function silencing(directives: readonly Directive[], rule: RuleId, index: number): Directive | undefined {
  return directives.find((d) => d.rules.includes(rule) && (d.scope === 'file' || (index >= 0 && d.statement === index)));
}
