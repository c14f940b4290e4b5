export type * from './changes.js';
export { diff, type DiffOptions } from './diff.js';
export { detectColumnRenames, detectTableRenames, RENAME_THRESHOLD, type RenamePair } from './renames.js';
