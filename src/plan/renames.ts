// Renames the differ only suspects become RENAME statements once confirmed; the others stay a
// drop and an add. Confirmed renames are applied to the `from` schema, which is then diffed
// again without rename detection: what remains is exactly what the renamed objects still lack.
import { diff } from '../diff/index.js';
import type { Change, ChangeOf } from '../diff/changes.js';
import { quoteIdentIfNeeded } from '../schema/quote.js';
import { sqlTokens, type SqlToken } from '../schema/sql-text.js';
import type { Schema, Table } from '../schema/types.js';

export type RenameChange = ChangeOf<'RenameTable'> | ChangeOf<'RenameColumn'>;

/** `schema.table` → new name, `schema.table.column` → new name (old names, as in `from`). */
export interface RenameSpec {
  readonly from: string;
  readonly to: string;
}

/** "old:new" as the user writes it: `campaigns:lead_generation_campaigns`, `campaign_jobs.payload:job_payload`. */
export function renameLabel(change: RenameChange): string {
  return change.kind === 'RenameTable'
    ? `${change.from.schema}.${change.from.name} → ${change.to.schema}.${change.to.name}`
    : `${change.table.schema}.${change.table.name}.${change.from.name} → ${change.to.name}`;
}

/** Does a user's `old:new` pair (optionally schema-qualified, table.column for columns) name this rename? */
export function matchesRename(spec: RenameSpec, change: RenameChange, renamedTable: (t: { schema: string; name: string }) => string): boolean {
  const strip = (s: string) => s.replace(/^public\./, '');
  if (change.kind === 'RenameTable') {
    const from = `${change.from.schema}.${change.from.name}`;
    return [from, strip(from)].includes(spec.from) && [change.to.name, `${change.to.schema}.${change.to.name}`].includes(spec.to);
  }
  const oldTable = renamedTable(change.table);
  const candidates = [`${change.table.schema}.${oldTable}.${change.from.name}`, `${oldTable}.${change.from.name}`,
    `${change.table.schema}.${change.table.name}.${change.from.name}`, `${change.table.name}.${change.from.name}`];
  return candidates.some((c) => c === spec.from || strip(c) === spec.from) && [change.to.name].includes(spec.to.replace(/^.*\./, ''));
}

/**
 * The changes from `from` to `to` with the accepted renames as RENAME changes first and
 * everything else diffed after them; rejected renames become drop + add.
 */
export function changesWithRenames(from: Schema, to: Schema, accept: (change: RenameChange) => boolean): Change[] {
  const suspected = diff(from, to).filter((c): c is RenameChange => c.kind === 'RenameTable' || c.kind === 'RenameColumn');
  const accepted = suspected.filter(accept);
  const renamed = applyRenames(from, accepted);
  return [...accepted, ...diff(renamed, to, { detectRenames: false })];
}

/** `from` with the accepted renames applied, as if the RENAME statements had run. */
export function applyRenames(schema: Schema, renames: readonly RenameChange[]): Schema {
  let tables: Table[] = [...schema.tables];
  for (const r of renames) {
    if (r.kind === 'RenameTable') {
      tables = tables.map((t) => (t.schema === r.from.schema && t.name === r.from.name ? { ...t, name: r.to.name } : t));
      tables = tables.map((t) => ({
        ...t,
        foreignKeys: t.foreignKeys.map((f) =>
          f.references.schema === r.from.schema && f.references.name === r.from.name ? { ...f, references: { ...f.references, name: r.to.name } } : f,
        ),
        partitionOf: t.partitionOf && t.partitionOf.schema === r.from.schema && t.partitionOf.name === r.from.name ? { ...t.partitionOf, name: r.to.name } : t.partitionOf,
        ...(t.inherits ? { inherits: t.inherits.map((p) => (p.schema === r.from.schema && p.name === r.from.name ? { ...p, name: r.to.name } : p)) } : {}),
      }));
    }
  }
  for (const r of renames) {
    if (r.kind !== 'RenameColumn') continue;
    const old = r.from.name;
    const rn = (n: string) => (n === old ? r.to.name : n);
    const re = (expression: string) => renameColumnIn(expression, old, r.to.name);
    // A trigger reads its row as OLD.col / NEW.col; its definition names itself and its table after TRIGGER and ON.
    const reRow = (expression: string) => renameColumnIn(expression, old, r.to.name, { rowQualifiers: true });
    // RENAME COLUMN on an inheritance parent renames the column its descendants inherit too.
    const renamed = new Set([`${r.table.schema}.${r.table.name}`]);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of tables) {
        const k = `${t.schema}.${t.name}`;
        if (renamed.has(k) || !(t.inherits ?? []).some((p) => renamed.has(`${p.schema}.${p.name}`))) continue;
        if (!t.columns.some((c) => c.name === old && c.inherited)) continue;
        renamed.add(k);
        grew = true;
      }
    }
    tables = tables.map((t) => {
      const own = renamed.has(`${t.schema}.${t.name}`);
      return {
        ...t,
        primaryKey: own && t.primaryKey ? { ...t.primaryKey, columns: t.primaryKey.columns.map(rn) } : t.primaryKey,
        uniques: own ? t.uniques.map((u) => ({ ...u, columns: u.columns.map(rn) })) : t.uniques,
        // PostgreSQL rewrites every expression that reads the column: keys, predicates, checks,
        // exclusions, generated columns, policies and trigger conditions keep working under the new name.
        columns: own ? t.columns.map((c) => ({ ...(c.name === old ? { ...c, name: r.to.name } : c), generated: c.generated === null ? null : re(c.generated) })) : t.columns,
        indexes: own
          ? t.indexes.map((i) => ({
              ...i,
              keys: i.keys.map((k) => ({ ...k, column: k.column === null ? null : rn(k.column), expression: k.expression === null ? null : re(k.expression) })),
              include: i.include.map(rn),
              predicate: i.predicate === null ? null : re(i.predicate),
            }))
          : t.indexes,
        checks: own ? t.checks.map((c) => ({ ...c, expression: re(c.expression) })) : t.checks,
        exclusions: own ? t.exclusions.map((e) => ({ ...e, definition: re(e.definition) })) : t.exclusions,
        policies: own ? t.policies.map((p) => ({ ...p, using: p.using === null ? null : re(p.using), withCheck: p.withCheck === null ? null : re(p.withCheck) })) : t.policies,
        triggers: own ? t.triggers.map((g) => ({ ...g, when: g.when === null ? null : reRow(g.when), updateColumns: g.updateColumns.map(rn), definition: reRow(g.definition) })) : t.triggers,
        foreignKeys: t.foreignKeys.map((f) => ({
          ...f,
          columns: own ? f.columns.map(rn) : f.columns,
          references:
            f.references.schema === r.table.schema && f.references.name === r.table.name
              ? { ...f.references, columns: f.references.columns.map(rn) }
              : f.references,
        })),
      };
    });
  }
  return { ...schema, tables };
}

/**
 * `expression` (as the catalog prints it, for one table) reading column `to` where it read
 * `from`: bare and quoted references are renamed; string literals, qualified names (`x.from`)
 * and function names (`from(`) are left alone.
 */
export function renameColumnIn(expression: string, from: string, to: string, options: { rowQualifiers?: boolean } = {}): string {
  const tokens = sqlTokens(expression);
  const named = (t: SqlToken | undefined) => (t?.kind === 'word' ? t.text : t?.kind === 'quoted' ? t.name : undefined);
  let previousWord = '';
  return tokens
    .map((t, k) => {
      if (t.kind !== 'word' && t.kind !== 'quoted') return t.text;
      const name = named(t)!;
      const qualifier = tokens[k - 1]?.text === '.' ? (named(tokens[k - 2]) ?? '?') : null;
      const byRow = options.rowQualifiers === true && qualifier !== null && /^(old|new)$/i.test(qualifier);
      const itself = options.rowQualifiers === true && /^(trigger|on)$/i.test(previousWord);
      const after = tokens[k + 1]?.kind === 'space' ? tokens[k + 2] : tokens[k + 1];
      const call = after?.text === '(';
      previousWord = t.kind === 'word' ? t.text : '';
      return name === from && (qualifier === null || byRow) && !itself && !call ? quoteIdentIfNeeded(to) : t.text;
    })
    .join('');
}
