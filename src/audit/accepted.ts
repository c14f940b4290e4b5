// Accepted drift: known findings a team has decided to live with for a while. Each entry names
// a finding id, why, who owns it and until when; until then the finding is reported as
// accepted and does not fail the audit. After the expiry date it counts again, with a note.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError } from '../errors.js';
import type { Acceptance, Finding, FindingRule } from './finding.js';
import { nearest } from '../nearest.js';

// Every finding kind, so that an entry naming a kind that does not exist (a typo) is an error
// rather than an acceptance that silently never matches. The type check keeps it complete.
const RULES = [
  'missing-table', 'undeclared-table', 'legacy-table', 'renamed-table', 'missing-column', 'undeclared-column',
  'legacy-column', 'renamed-column', 'column-mismatch', 'table-mismatch', 'missing-enum', 'undeclared-enum',
  'legacy-enum', 'enum-mismatch', 'missing-index', 'orphaned-index', 'index-mismatch', 'invalid-index',
  'missing-constraint', 'orphaned-constraint', 'constraint-mismatch', 'undeclared-object', 'legacy-object',
  'object-mismatch', 'jsonb-shape', 'migration-history', 'acceptance-expired',
] as const satisfies readonly FindingRule[];
type Missing = Exclude<FindingRule, (typeof RULES)[number]>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

export interface AcceptedEntry {
  /** A finding id as reports print it (`missing-column:public.t.c`); `*` at the end matches a prefix. */
  readonly finding: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
}

type FileShape = { safeParse(raw: unknown): { success: true; data: { accepted: AcceptedEntry[] } } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };
let fileShape: FileShape | undefined;

// zod is loaded only when there is a file to check: its import cost audit a tenth of its time
// at 1,000 tables (issue 15), and most audits have no accepted-drift file.
function shape(): FileShape {
  if (fileShape) return fileShape;
  const { z } = createRequire(import.meta.url)('zod') as typeof import('zod');
  const entry = z.strictObject({
    finding: z.string().min(1),
    reason: z.string().min(1),
    owner: z.string().min(1),
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  });
  fileShape = z.strictObject({ version: z.literal(1).optional(), accepted: z.array(entry) }) satisfies FileShape;
  return fileShape;
}

export function parseAcceptedDrift(raw: unknown, where = 'accepted-drift file'): AcceptedEntry[] {
  const parsed = shape().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid ${where}: ${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`);
  }
  for (const [i, e] of parsed.data.accepted.entries()) {
    const rule = e.finding.split(':')[0]!.replace(/\*$/, '');
    if (!(RULES as readonly string[]).includes(rule) && !(e.finding.endsWith('*') && !e.finding.includes(':') && RULES.some((r) => r.startsWith(rule)))) {
      const near = nearest(rule, RULES);
      throw new ConfigError(`invalid ${where}: "accepted.${i}.finding": unknown finding kind "${rule}"${near ? ` (did you mean "${near}"?)` : ''}`);
    }
    if (!isCalendarDate(e.expires)) throw new ConfigError(`invalid ${where}: "${e.expires}" is not a date`);
  }
  return parsed.data.accepted;
}

/** Read the file; a missing file is no acceptances (the config names it before it exists). */
export function loadAcceptedDrift(path: string | null): AcceptedEntry[] {
  if (!path || !existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read accepted-drift file ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseAcceptedDrift(raw, `accepted-drift file ${path}`);
}

function matches(entry: AcceptedEntry, f: Finding): boolean {
  return entry.finding.endsWith('*') ? f.id.startsWith(entry.finding.slice(0, -1)) : entry.finding === f.id;
}

/**
 * Mark findings covered by an unexpired entry as accepted. An entry is valid through its expiry
 * day (UTC); from the next day its findings count again and an expiry note is added.
 */
export function applyAcceptedDrift(findings: readonly Finding[], entries: readonly AcceptedEntry[], now: Date): Finding[] {
  const today = now.toISOString().slice(0, 10);
  const out: Finding[] = [];
  for (const f of findings) {
    const entry = entries.find((e) => matches(e, f));
    if (!entry) {
      out.push(f);
    } else if (entry.expires >= today) {
      const accepted: Acceptance = { reason: entry.reason, owner: entry.owner, expires: entry.expires };
      out.push({ ...f, accepted });
    } else {
      out.push({ ...f, message: `${f.message} (accepted drift expired on ${entry.expires}; owner ${entry.owner})` });
    }
  }
  return out;
}

/**
 * YYYY-MM-DD that exists on the calendar. Date.parse rolls 2026-02-30 over to March 2nd
 * instead of failing, so the parsed date must print back as the same text.
 */
export function isCalendarDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

