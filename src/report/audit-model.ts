// What every audit renderer receives.
import type { AuditResult, FailOn } from '../audit/index.js';
import type { Locations } from './ci/locations.js';

export interface AuditReportInput {
  readonly result: AuditResult;
  /** host:port/database, never credentials. */
  readonly target: string;
  readonly failOn: FailOn;
  /** Whether the findings reach --fail-on (the exit code will be 1). */
  readonly failed: boolean;
  /** Colour escapes allowed (terminal renderer only). */
  readonly color?: boolean;
  /** Where objects are declared (sarif, gcc, github): file positions instead of names only. */
  readonly locations?: Locations;
  /** Markdown: where the full report lives when the comment-sized one is cut (a URL or a file). */
  readonly fullReport?: string;
  /** Migration files not applied to the database (null: no history table): Markdown's next steps. */
  readonly pendingMigrations?: readonly string[] | null;
  /** Terminal columns to wrap at (terminal renderer only; default 80). */
  readonly width?: number;
}
