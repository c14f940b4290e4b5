// One entry for the fleet renderers.
import type { FleetReport } from './fleet-model.js';
import { renderFleetJson } from './fleet-json.js';
import { renderFleetJunit } from './fleet-junit.js';
import { renderFleetMarkdown } from './fleet-markdown.js';
import { renderFleetTable } from './fleet-table.js';

export type FleetFormat = 'table' | 'json' | 'markdown' | 'junit';

export function renderFleet(format: FleetFormat, report: FleetReport, color = false): string {
  switch (format) {
    case 'json':
      return renderFleetJson(report);
    case 'markdown':
      return renderFleetMarkdown(report);
    case 'junit':
      return renderFleetJunit(report);
    default:
      return renderFleetTable(report, color);
  }
}
