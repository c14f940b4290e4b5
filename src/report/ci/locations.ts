// Where objects are declared, as the CI adapters receive it: plain data (maps of name → file
// position) built by the caller from the model sources (config/model-locations.ts) and the
// migrations (migrate/object-locations.ts). Renderers stay pure: no file is read here.
import type { FileLocation } from './diagnostic.js';

export interface SourcePositions {
  /** Tables and enums: `schema.name` and bare `name`. Columns: `schema.table.column`, `table.column`. */
  readonly tables: Readonly<Record<string, FileLocation>>;
  readonly columns: Readonly<Record<string, FileLocation>>;
  readonly enums: Readonly<Record<string, FileLocation>>;
  /** Indexes and constraints by bare name. */
  readonly objects: Readonly<Record<string, FileLocation>>;
  /** Legacy declarations: `table:name`, `column:table.name`, `enum:name`, `index:name`. */
  readonly legacy: Readonly<Record<string, FileLocation>>;
  /** The models entry file: where results about objects no model declares are filed. */
  readonly entry: string | null;
}

/** Positions found in the migrations: the last up file creating or altering each object. */
export interface MigrationPositions {
  /** `schema.name` of tables, enums, indexes; `schema.table.column` of added columns. */
  readonly objects: Readonly<Record<string, FileLocation>>;
  /** Migration names (`000001_init`) → their up file. */
  readonly files: Readonly<Record<string, string>>;
}

export interface Locations {
  readonly models?: SourcePositions;
  readonly migrations?: MigrationPositions;
}

/** `a.b.c` → the lookups to try, most specific first: qualified, then without the schema. */
export function lookup(map: Readonly<Record<string, FileLocation>> | undefined, qualified: string): FileLocation | undefined {
  if (!map) return undefined;
  const hit = map[qualified];
  if (hit) return hit;
  const dot = qualified.indexOf('.');
  return dot > 0 ? map[qualified.slice(dot + 1)] : undefined;
}
