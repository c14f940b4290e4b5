// lint results as CI diagnostics (src/report/ci/): SARIF, gcc lines, GitHub annotations. Every
// rule goes into SARIF's rule table with its help text, reported or not.
import { createHash } from 'node:crypto';
import type { LintFinding, LintResult } from '../lint/lint.js';
import { RULE_IDS, RULES, type LintRule } from '../lint/rules.js';
import { levelOf, renderDiagnostics, type CiFormat, type Diagnostic, type DiagnosticReport, type DiagnosticRule } from './ci/index.js';
import { lintSummary } from './lint.js';

function ruleOf(rule: LintRule): DiagnosticRule {
  return { id: rule.id, name: rule.name, summary: rule.summary, help: rule.help, level: levelOf(rule.severity) };
}

const DIAGNOSTIC_RULES = new Map(RULE_IDS.map((id) => [id, ruleOf(RULES[id])]));

function diagnosticOf(f: LintFinding): Diagnostic {
  const sameLine = f.endLine === f.line;
  const hasEnd = f.endLine > f.line || (sameLine && f.endColumn > f.column);
  return {
    rule: DIAGNOSTIC_RULES.get(f.rule)!,
    level: levelOf(f.severity),
    message: f.message,
    fix: f.fix,
    location: {
      file: {
        file: f.file.split('\\').join('/'),
        line: f.line,
        column: f.column,
        ...(hasEnd ? { endLine: f.endLine, endColumn: f.endColumn } : {}),
      },
      logical: { name: f.file, kind: 'migration' },
    },
    // Stable while the statement is unchanged, even when lines above it move.
    fingerprint: createHash('sha256').update(`${f.rule}\u0000${f.file}\u0000${f.statement}\u0000${f.message}`).digest('hex').slice(0, 32),
  };
}

export function lintDiagnostics(result: LintResult): DiagnosticReport {
  return {
    tool: 'lint',
    diagnostics: result.findings.map(diagnosticOf),
    rules: [...DIAGNOSTIC_RULES.values()],
    summary: lintSummary(result),
  };
}

export function renderLintCi(result: LintResult, format: CiFormat): string {
  return renderDiagnostics(format, lintDiagnostics(result));
}
