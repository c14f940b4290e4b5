// Shared by the fleet renderers: what a status is called, and a target's line.
import type { FleetStatus, FleetTargetReport } from './fleet-model.js';
import { okLabel } from './fleet-model.js';

export function statusLabel(command: string, status: FleetStatus): string {
  switch (status) {
    case 'ok':
      return okLabel(command);
    case 'skipped':
      return 'not started';
    default:
      return status;
  }
}

export function targetLine(t: FleetTargetReport): string {
  return t.error ?? t.summary ?? '';
}

/** Targets worth a section: anything but a quiet success. */
export function needsSection(t: FleetTargetReport): boolean {
  return t.status !== 'ok' || t.findings.length > 0;
}

/** A target's findings, without the one that only repeats its error line. */
export function ownFindings(t: FleetTargetReport): FleetTargetReport['findings'] {
  return t.findings.filter((f) => !(f.severity === 'error' && f.message === t.error));
}
