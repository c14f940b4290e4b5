// What every audit renderer receives.
import type { AuditResult, FailOn } from '../audit/index.js';

export interface AuditReportInput {
  readonly result: AuditResult;
  /** host:port/database, never credentials. */
  readonly target: string;
  readonly failOn: FailOn;
  /** Whether the findings reach --fail-on (the exit code will be 1). */
  readonly failed: boolean;
  /** Colour escapes allowed (terminal renderer only). */
  readonly color?: boolean;
  /** Terminal columns to wrap at (terminal renderer only; default 80). */
  readonly width?: number;
}
