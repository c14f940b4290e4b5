// The merged report of a fleet run: plain data, rendered by fleet-table/json/markdown/junit.
// Each target carries its command's own document (audit JSON v1, migrate status JSON, …) as
// `detail`, so nothing a single-target report says is lost.

export const FLEET_JSON_VERSION = 1;

export type FleetStatus = 'ok' | 'behind' | 'drifted' | 'failed' | 'skipped';

/** A finding (or a failure) lifted out of one target, to name the worst of the run. */
export interface FleetFinding {
  readonly target: string;
  /** error: the target failed (connection, migration); else the finding's severity. */
  readonly severity: 'error' | 'critical' | 'warning' | 'info';
  readonly rule: string | null;
  readonly object: string | null;
  readonly message: string;
}

export interface FleetTargetReport {
  readonly name: string;
  /** host:port/database, never credentials. */
  readonly where: string;
  readonly schema: string | null;
  readonly status: FleetStatus;
  readonly exitCode: number;
  readonly ms: number;
  readonly canary: boolean;
  /** One line: what happened ("applied 2 migration(s)", "3 findings: …"). */
  readonly summary: string | null;
  /** One line: why it failed or was skipped. */
  readonly error: string | null;
  readonly findings: readonly FleetFinding[];
  /** The command's own result for this target (its single-target JSON document), or null. */
  readonly detail: unknown;
}

export interface FleetSummary {
  readonly targets: number;
  /** at head (migrate), clean (audit, check, lint), done (inspect). */
  readonly ok: number;
  readonly behind: number;
  readonly drifted: number;
  readonly failed: number;
  readonly skipped: number;
  readonly worst: FleetFinding | null;
  readonly exitCode: number;
  readonly text: string;
}

export interface FleetReport {
  readonly schemaguard: 'fleet';
  readonly version: typeof FLEET_JSON_VERSION;
  /** e.g. "audit", "migrate up". */
  readonly command: string;
  readonly summary: FleetSummary;
  /** Set when a canary failed and the rollout stopped. */
  readonly stopped: string | null;
  readonly targets: readonly FleetTargetReport[];
}

const RANK: Record<FleetFinding['severity'], number> = { error: 4, critical: 3, warning: 2, info: 1 };

export function worstFinding(targets: readonly FleetTargetReport[]): FleetFinding | null {
  let worst: FleetFinding | null = null;
  for (const t of targets) for (const f of t.findings) if (!worst || RANK[f.severity] > RANK[worst.severity]) worst = f;
  return worst;
}

export function okLabel(command: string): string {
  if (command.startsWith('migrate up') || command.startsWith('migrate status')) return 'at head';
  if (command.startsWith('migrate down')) return 'rolled back';
  if (command === 'inspect') return 'inspected';
  return 'clean';
}

export function summarize(command: string, targets: readonly FleetTargetReport[]): FleetSummary {
  const count = (s: FleetStatus) => targets.filter((t) => t.status === s).length;
  const worst = worstFinding(targets);
  const exitCode = targets.reduce((w, t) => Math.max(w, t.exitCode), 0);
  const parts = [`${count('ok')} ${okLabel(command)}`];
  if (command !== 'inspect') parts.push(`${count('behind')} behind`, `${count('drifted')} drifted`);
  parts.push(`${count('failed')} failed`);
  if (count('skipped') > 0) parts.push(`${count('skipped')} not started`);
  const text = `${targets.length} target${targets.length === 1 ? '' : 's'}: ${parts.join(', ')}${worst ? `; worst: ${worst.severity} on ${worst.target}: ${worst.message}` : ''}`;
  return { targets: targets.length, ok: count('ok'), behind: count('behind'), drifted: count('drifted'), failed: count('failed'), skipped: count('skipped'), worst, exitCode, text };
}
