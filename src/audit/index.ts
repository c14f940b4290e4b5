export * from './finding.js';
export { auditSchemas, scopeSchema, reachesFailOn, summaryLine, type AuditInput, type FailOn } from './audit.js';
export { applyAcceptedDrift, loadAcceptedDrift, parseAcceptedDrift, type AcceptedEntry } from './accepted.js';
export { validateSample, findingFromSample, type JsonSample, type JsonSampleResult } from './jsonb.js';
export { findingsFromChanges } from './rules.js';
export { findingsFromHistory, type HistoryProblemInput } from './history.js';
