// Where the migrations create or change each object: the last up file (and its statement's
// line) that creates a table, index or enum, adds a column or renames something to its name.
// Reports point at it for objects no model declares ("this migration made it"). Parsed with
// the one migration parser (parseScript); a file that does not parse is skipped here, since
// lint and migrate report it properly.
import { relative, sep } from 'node:path';
import { listMigrationFiles, readSqlFile } from './files.js';
import { loadParser, parseScript, type Statement } from './script.js';

export interface ObjectPosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface MigrationObjectPositions {
  /** `schema.name` (tables, indexes, enums), `schema.table.column` (added columns). */
  readonly objects: Record<string, ObjectPosition>;
  /** Migration name → its up file, relative to the root. */
  readonly files: Record<string, string>;
}

type Obj = Record<string, unknown>;

function str(node: unknown): string | undefined {
  return (node as { String?: { sval?: string } } | undefined)?.String?.sval;
}

function qualified(rv: { schemaname?: string; relname?: string } | undefined): string | null {
  return rv?.relname ? `${rv.schemaname ?? 'public'}.${rv.relname}` : null;
}

/** The objects one statement creates or brings under a name. */
export function objectsOf(stmt: Pick<Statement, 'kind' | 'node'>): string[] {
  const body = (stmt.node as Obj)[stmt.kind] as Obj | undefined;
  if (!body) return [];
  switch (stmt.kind) {
    case 'CreateStmt': {
      const table = qualified(body.relation as never);
      if (!table) return [];
      const columns = ((body.tableElts as Obj[] | undefined) ?? []).map((e) => (e.ColumnDef as { colname?: string } | undefined)?.colname).filter((c): c is string => Boolean(c));
      return [table, ...columns.map((c) => `${table}.${c}`)];
    }
    case 'IndexStmt': {
      const rv = body.relation as { schemaname?: string } | undefined;
      return typeof body.idxname === 'string' ? [`${rv?.schemaname ?? 'public'}.${body.idxname}`] : [];
    }
    case 'CreateEnumStmt': {
      const names = ((body.typeName as unknown[]) ?? []).map(str).filter((s): s is string => Boolean(s));
      return names.length === 0 ? [] : [names.length > 1 ? names.join('.') : `public.${names[0]}`];
    }
    case 'AlterTableStmt': {
      const table = qualified(body.relation as never);
      if (!table) return [];
      return ((body.cmds as Obj[] | undefined) ?? []).flatMap((c) => {
        const cmd = c.AlterTableCmd as { subtype?: string; def?: { ColumnDef?: { colname?: string }; Constraint?: { conname?: string } } } | undefined;
        if (cmd?.subtype === 'AT_AddColumn' && cmd.def?.ColumnDef?.colname) return [`${table}.${cmd.def.ColumnDef.colname}`];
        if (cmd?.subtype === 'AT_AddConstraint' && cmd.def?.Constraint?.conname) return [`${table.split('.')[0]}.${cmd.def.Constraint.conname}`];
        return [];
      });
    }
    case 'RenameStmt': {
      const rv = body.relation as { schemaname?: string; relname?: string } | undefined;
      if (typeof body.newname !== 'string' || !rv?.relname) return [];
      const schema = rv.schemaname ?? 'public';
      if (body.renameType === 'OBJECT_COLUMN') return [`${schema}.${rv.relname}.${body.newname}`];
      return [`${schema}.${body.newname}`];
    }
    default:
      return [];
  }
}

/** Positions of what the up migrations in `dir` create; `root` makes the paths relative. */
export async function migrationObjectPositions(root: string, dir: string): Promise<MigrationObjectPositions> {
  const objects: Record<string, ObjectPosition> = {};
  const files: Record<string, string> = {};
  let list: ReturnType<typeof listMigrationFiles>;
  try {
    list = listMigrationFiles(dir);
  } catch {
    return { objects, files };
  }
  await loadParser();
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  for (const m of list) {
    files[m.name] = rel(m.upPath);
    let statements: readonly Statement[];
    try {
      statements = parseScript(m.upPath, readSqlFile(m.upPath)).statements;
    } catch {
      continue;
    }
    // Later migrations win: the newest change to an object is where a reviewer looks.
    for (const s of statements) for (const o of objectsOf(s)) objects[o] = { file: rel(m.upPath), line: s.line, column: s.column };
  }
  return { objects, files };
}
