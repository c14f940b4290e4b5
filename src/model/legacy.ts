// Legacy declarations: objects that may still exist in a database but are on their way out.
// `audit` reports them as legacy (with why, what replaced them and their row count) instead of
// as unexplained drift, so a report says "safe to drop once X" rather than "unexpected table".

export type LegacyObjectKind = 'table' | 'column' | 'enum' | 'index' | 'view' | 'function';

export interface LegacyDeclaration {
  readonly kind: 'legacy';
  readonly object: LegacyObjectKind;
  readonly schema: string;
  /** For columns and indexes: the table they belong to (its current, declared name). */
  readonly table: string | null;
  readonly name: string;
  readonly reason: string;
  /** What replaced it, in words or as an object name: `lead_generation_campaigns.current_phase`. */
  readonly replacedBy: string | null;
  /** For a table or column that was renamed rather than replaced: its new name. */
  readonly renamedTo: string | null;
}

interface LegacyOptions {
  readonly reason: string;
  readonly replacedBy?: string;
  readonly renamedTo?: string;
  readonly schema?: string;
}

function declaration(object: LegacyObjectKind, table: string | null, name: string, o: LegacyOptions): LegacyDeclaration {
  return {
    kind: 'legacy',
    object,
    schema: o.schema ?? 'public',
    table,
    name,
    reason: o.reason,
    replacedBy: o.replacedBy ?? null,
    renamedTo: o.renamedTo ?? null,
  };
}

export const legacy = {
  table: (name: string, o: LegacyOptions) => declaration('table', null, name, o),
  /** `table` is the declared (new) name of the table the column lives on. */
  column: (table: string, name: string, o: LegacyOptions) => declaration('column', table, name, o),
  enum: (name: string, o: LegacyOptions) => declaration('enum', null, name, o),
  index: (table: string, name: string, o: LegacyOptions) => declaration('index', table, name, o),
  view: (name: string, o: LegacyOptions) => declaration('view', null, name, o),
  function: (name: string, o: LegacyOptions) => declaration('function', null, name, o),
};

export function isLegacyDeclaration(value: unknown): value is LegacyDeclaration {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'legacy' && typeof (value as LegacyDeclaration).reason === 'string';
}
