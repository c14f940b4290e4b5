// `--format json` of a fleet run: versioned (FLEET_JSON_VERSION), one entry per target in the
// run's order, each with its command's own document as `detail`. No timestamps, but `ms`.
import type { FleetReport } from './fleet-model.js';

export function renderFleetJson(report: FleetReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
