// The models entry of this repository (schemaguard.config.ts points here): the phase-centric
// lead-generation schema and its legacy declarations.
export * from './enums.js';
export * from './tables.js';
export { legacyObjects } from './legacy.js';
export * as phaseData from './phase-data.js';
