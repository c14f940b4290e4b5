// `schemaguard lint`: hazards in migration SQL. Pure of the terminal: returns findings; the
// CLI renders them. Reads files, parses them with PostgreSQL's grammar, replays the up files
// in order (so later files know what earlier ones built), and, given a database, asks it
// whether what a migration drops still holds data.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import type { Sql } from '../db/connect.js';
import { ConfigError, UsageError } from '../errors.js';
import { compareMigrationPaths, decodeSqlFile, listMigrationPaths } from '../migrate/files.js';
import { displayTable } from './ast.js';
import { analyzeFile, type FileAnalysis, type RawFinding } from './checks.js';
import { readDirectives, silencing } from './directives.js';
import { newHistory } from './history.js';
import { RULES, type RuleId, type Severity } from './rules.js';
import { loadParser, problemFromMessage, readSqlSource, type SourceProblem, type SqlSource } from './source.js';

export interface LintOptions {
  /** Files or directories to lint; empty: every .sql file in the migrations directory. */
  readonly files: readonly string[];
  readonly migrationsDir: string;
  readonly cwd: string;
  /** The target database, for SG005. */
  readonly sql?: Sql;
  /**
   * The files are run by another tool, outside a transaction (config `lint.assumeNoTransaction`,
   * `--assume-no-transaction`): rules that depend on schemaguard's one-transaction-per-file
   * model (SG008, SG011, SG021, SG022) follow that instead of the file's directive.
   */
  readonly assumeNoTransaction?: boolean;
}

export interface LintFinding {
  readonly rule: RuleId;
  readonly name: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where the statement concerned ends (the character after it; = line/column for a file-level finding). */
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly fix: string;
  /** First line of the statement concerned ('' for a finding about the whole file). */
  readonly statement: string;
}

export interface IgnoredFinding extends LintFinding {
  readonly reason: string;
}

export interface LintResult {
  readonly files: readonly string[];
  readonly statements: number;
  readonly findings: readonly LintFinding[];
  readonly ignored: readonly IgnoredFinding[];
  /** Whether SG005 ran (a database was given). */
  readonly dataChecked: boolean;
  /**
   * Files lint could not read as written (each also an SG000 finding): not UTF-8, a syntax
   * error, a malformed lint-ignore directive. The CLI exits 2.
   */
  readonly unreadable: readonly SourceProblem[];
}

const UP = /\.up\.sql$/;
const DOWN = /\.down\.sql$/;

export async function lintMigrations(options: LintOptions): Promise<LintResult> {
  const migrationsDir = resolve(options.cwd, options.migrationsDir);
  const targets = options.files.length > 0
    ? await expandTargets(options.files.map((f) => resolve(options.cwd, f)))
    : await sqlFilesIn(migrationsDir, `migrations directory ${relative(options.cwd, migrationsDir) || '.'}`);
  const targetSet = new Set(targets);
  const shown = new Map<string, string>();
  const display = (path: string): string => {
    let d = shown.get(path);
    if (d === undefined) shown.set(path, (d = relative(options.cwd, path) || path));
    return d;
  };

  // Up files replay in version order: those of the migrations directory give the context even
  // when only a few files are linted.
  const listed = options.files.length === 0 ? targets : (await exists(migrationsDir)) ? await sqlFilesIn(migrationsDir, '') : [];
  const history = listed.filter((f) => !DOWN.test(f));
  const ups = [...new Set([...history, ...targets.filter((f) => !DOWN.test(f))])].sort(byName);
  const downs = targets.filter((f) => DOWN.test(f));
  const known = new Set([...ups, ...targets]);
  const dataAtRisk = options.sql ? (await import('./data.js')).dataAtRisk : undefined;
  await loadParser();

  const analyze = { assumeNoTransaction: options.assumeNoTransaction === true };
  const replay = newHistory();
  const perFile = new Map<string, FileResult>();
  // One file at a time, read, parsed, analysed and reported before the next is read: its parse
  // trees are garbage by then (a run's memory, and its GC time, stay those of one file).
  for (const path of [...ups, ...downs]) {
    const text = await readText(path, display(path));
    const source = typeof text === 'string' ? readSqlSource(display(path), text) : text;
    const isTarget = targetSet.has(path);
    if (!('statements' in source)) {
      // A file that does not parse adds nothing to what later files see.
      if (isTarget) perFile.set(path, { findings: [unreadableFinding(source, 'fix the file: migrate refuses it as it is')], ignored: [], statements: 0, problem: source });
      continue;
    }
    const analysis = analyzeFile(source, DOWN.test(path) ? newHistory() : replay, analyze);
    if (!isTarget) continue;
    perFile.set(path, await fileFindings(path, source, analysis, known, options.sql ? { sql: options.sql, dataAtRisk: dataAtRisk! } : undefined));
  }

  const findings: LintFinding[] = [];
  const ignored: IgnoredFinding[] = [];
  const unreadable: SourceProblem[] = [];
  let statements = 0;
  for (const path of targets) {
    const r = perFile.get(path)!;
    findings.push(...r.findings);
    ignored.push(...r.ignored);
    statements += r.statements;
    if (r.problem) unreadable.push(r.problem);
  }
  const order = new Map(targets.map((t, i) => [display(t), i]));
  const sort = (a: LintFinding, b: LintFinding) =>
    (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
  return {
    files: targets.map(display),
    statements,
    findings: findings.sort(sort),
    ignored: ignored.sort(sort),
    dataChecked: options.sql !== undefined,
    unreadable,
  };
}

interface FileResult {
  readonly findings: LintFinding[];
  readonly ignored: IgnoredFinding[];
  readonly statements: number;
  /** Why lint could not read the file as written (also an SG000 finding among `findings`). */
  readonly problem?: SourceProblem;
}

function unreadableFinding(problem: SourceProblem, fix: string): LintFinding {
  const rule = RULES.SG000;
  return {
    rule: rule.id,
    name: rule.name,
    severity: rule.severity,
    file: problem.file,
    line: problem.line,
    column: problem.column,
    endLine: problem.line,
    endColumn: problem.column,
    message: problem.message,
    fix,
    statement: '',
  };
}

async function fileFindings(
  path: string, source: SqlSource, analysis: FileAnalysis, known: ReadonlySet<string>,
  db: { readonly sql: Sql; readonly dataAtRisk: typeof import('./data.js').dataAtRisk } | undefined,
): Promise<FileResult> {
  // The runner ignores lint's directives, so a file with a malformed one still runs: its
  // findings are still reported (the well-formed directives applied), each bad one an SG000.
  const { directives, problems } = readDirectives(source);
  const fileFindings: RawFinding[] = [...analysis.findings];
  if (UP.test(path) && !known.has(path.replace(UP, '.down.sql')) && !existsSync(path.replace(UP, '.down.sql'))) {
    fileFindings.push({
      rule: 'SG007',
      statement: -1,
      offset: 0,
      message: `no down migration: ${basename(path.replace(UP, '.down.sql'))} does not exist`,
      fix: 'write the down file that undoes this migration (schemaguard migrate create writes both)',
    });
  }
  if (db) {
    for (const drop of analysis.drops) {
      const risk = await db.dataAtRisk(db.sql, drop.table, drop.column);
      if (!risk) continue;
      const count = `${risk.capped ? 'more than ' : ''}${(risk.capped ? risk.rows - 1 : risk.rows).toLocaleString('en-US')}`;
      const what = drop.column === null
        ? `${count} row${risk.rows === 1 ? '' : 's'} of ${displayTable(drop.table)}`
        : `${count} non-null value${risk.rows === 1 ? '' : 's'} of ${displayTable(drop.table)}.${drop.column}`;
      fileFindings.push({
        rule: 'SG005',
        statement: drop.statement,
        offset: drop.offset,
        message: `${drop.sql} deletes ${what} still in the target database`,
        fix: 'move or archive the data in an earlier migration, or confirm it is disposable and silence this with a reason',
      });
    }
  }
  const findings: LintFinding[] = problems.map((p) => unreadableFinding({ file: source.file, ...p }, p.fix));
  const ignored: IgnoredFinding[] = [];
  for (const f of fileFindings) {
    const rule = RULES[f.rule];
    const whole = f.statement < 0;
    const at = whole ? { line: 1, column: 1 } : source.positions.atByte(f.offset);
    const stop = whole ? at : source.positions.atByte(f.end ?? source.statements[f.statement]!.end);
    const stmt = whole ? '' : (f.text ?? source.statements[f.statement]!.text);
    const finding: LintFinding = {
      rule: f.rule,
      name: rule.name,
      severity: rule.severity,
      file: source.file,
      line: at.line,
      column: at.column,
      endLine: stop.line,
      endColumn: stop.column,
      message: f.message,
      fix: f.fix,
      statement: firstLine(stmt),
    };
    const directive = silencing(directives, f.rule, f.statement);
    if (directive) ignored.push({ ...finding, reason: directive.reason });
    else findings.push(finding);
  }
  const first = problems[0];
  return {
    findings,
    ignored,
    statements: source.statements.length,
    ...(first ? { problem: { file: source.file, line: first.line, column: first.column, message: first.message, error: first.error } } : {}),
  };
}

/** Version order, as migrate up runs the files (9 before 10). */
const byName = compareMigrationPaths;

async function expandTargets(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    if (info.isDirectory()) out.push(...(await sqlFilesIn(path, path)));
    else out.push(path);
  }
  return [...new Set(out)];
}

async function sqlFilesIn(dir: string, label: string): Promise<string[]> {
  try {
    await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${label || dir}: ${code === 'ENOENT' ? 'no such directory' : (error as Error).message}`);
  }
  // The runner's lister: the same files, name rules and order as migrate up (issue 10).
  const files = listMigrationPaths(dir);
  if (files.length === 0 && label) throw new UsageError(`no .sql files in ${label}`);
  return files;
}

async function readText(path: string, shown: string): Promise<string | SourceProblem> {
  let bytes: Buffer;
  try {
    // Synchronous: hundreds of small files read faster than through async file handles.
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot read ${shown}: ${why}`);
  }
  // The runner's decoding: invalid UTF-8 refused with its byte offset (a finding, here).
  try {
    return decodeSqlFile(bytes, shown);
  } catch (error) {
    if (error instanceof ConfigError) return problemFromMessage(shown, error.message);
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return existsSync(path);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('--')) ?? '';
  return line.length > 100 ? `${line.slice(0, 97)}…` : line.trim();
}
