// Renderers for differences and plans: `text` (a summary line per changed object and a unified
// diff of its DDL), `sql` (the plan, up only, hazards as comments), `json` (the changes).
import { Chalk } from 'chalk';
import { createTwoFilesPatch } from 'diff';
import type { Change } from '../diff/changes.js';
import { commentOn, createCollation, createComposite, createDomain, createRange, createEnum, createRoutine, createSequence, createTable, createView, foreignKeyClause, q, tableDetails, tableTail } from '../plan/ddl.js';
import type { Plan } from '../plan/types.js';
import { quoteIdent, quoteLiteral, sqlComment } from '../schema/quote.js';
import type { Schema } from '../schema/types.js';

export const DIFF_JSON_VERSION = 1;

/** The plan as a SQL script: each statement ends with `;`, hazards and non-transactional steps as comments. */
export function renderPlanSql(plan: Plan, header?: string): string {
  if (plan.statements.length === 0) return '';
  const out: string[] = [];
  if (header) out.push(...header.split('\n').map((l) => sqlComment(l)), '');
  for (const s of plan.statements) {
    for (const h of s.hazards) out.push(sqlComment(`hazard ${h.kind}: ${h.message}`));
    if (!s.transactional) out.push('-- runs outside a transaction');
    out.push(`${s.sql};`, '');
  }
  return out.join('\n');
}

/** The reverse of the plan: every statement's reverse, last statement first. */
export function renderReverseSql(plan: Plan): string {
  const out: string[] = [];
  for (const s of [...plan.statements].reverse()) for (const r of s.reverse) out.push(`${r};`, '');
  return out.join('\n');
}

export function renderChangesJson(changes: readonly Change[], from: string, to: string): string {
  return `${JSON.stringify({ schemaguard: 'diff', version: DIFF_JSON_VERSION, from, to, changes }, null, 2)}\n`;
}

type ObjectRef = { kind: string; schema: string; name: string };

function objectOf(c: Change): ObjectRef {
  const o = c as unknown as Record<string, unknown>;
  if ('table' in o && (o.table as { schema?: string }).schema !== undefined && c.kind !== 'AddTable' && c.kind !== 'DropTable') {
    const t = o.table as { schema: string; name: string };
    return { kind: 'table', ...t };
  }
  switch (c.kind) {
    case 'AddTable':
    case 'DropTable':
      return { kind: 'table', schema: c.table.schema, name: c.table.name };
    case 'RenameTable':
      return { kind: 'table', schema: c.to.schema, name: c.to.name };
    case 'AddView':
    case 'DropView':
      return { kind: 'view', schema: c.view.schema, name: c.view.name };
    case 'ModifyView':
      return { kind: 'view', schema: c.to.schema, name: c.to.name };
    case 'AddEnum':
    case 'DropEnum':
      return { kind: 'type', schema: c.enum.schema, name: c.enum.name };
    case 'AddRange':
    case 'DropRange':
      return { kind: 'type', schema: c.range.schema, name: c.range.name };
    case 'ModifyRange':
      return { kind: 'type', schema: c.to.schema, name: c.to.name };
    case 'ModifyEnum':
      return { kind: 'type', schema: c.to.schema, name: c.to.name };
    case 'AddCollation':
    case 'DropCollation':
      return { kind: 'collation', schema: c.collation.schema, name: c.collation.name };
    case 'ModifyCollation':
      return { kind: 'collation', schema: c.to.schema, name: c.to.name };
    case 'AddComposite':
    case 'DropComposite':
      return { kind: 'type', schema: c.composite.schema, name: c.composite.name };
    case 'ModifyComposite':
      return { kind: 'type', schema: c.to.schema, name: c.to.name };
    case 'AddDomain':
    case 'DropDomain':
      return { kind: 'domain', schema: c.domain.schema, name: c.domain.name };
    case 'ModifyDomain':
      return { kind: 'domain', schema: c.to.schema, name: c.to.name };
    case 'AddSequence':
    case 'DropSequence':
      return { kind: 'sequence', schema: c.sequence.schema, name: c.sequence.name };
    case 'ModifySequence':
      return { kind: 'sequence', schema: c.to.schema, name: c.to.name };
    case 'AddRoutine':
    case 'DropRoutine':
      return { kind: 'routine', schema: c.routine.schema, name: `${c.routine.name}(${c.routine.identityArguments})` };
    case 'ModifyRoutine':
      return { kind: 'routine', schema: c.to.schema, name: `${c.to.name}(${c.to.identityArguments})` };
    case 'AddGrant':
    case 'DropGrant': {
      const t = c.target;
      if (t.kind === 'routine') return { kind: 'routine', schema: t.schema, name: `${t.name}(${t.identityArguments})` };
      if (t.kind === 'schema') return { kind: 'schema', schema: t.name, name: '' };
      return { kind: t.kind === 'column' ? 'table' : t.kind, schema: t.schema, name: t.name };
    }
    case 'ModifyOwner': {
      const t = c.target;
      if (t.kind === 'routine') return { kind: 'routine', schema: t.schema, name: `${t.name}(${t.identityArguments})` };
      if (t.kind === 'schema') return { kind: 'schema', schema: t.name, name: '' };
      return { kind: t.kind === 'materialized view' ? 'view' : t.kind, schema: t.schema, name: t.name };
    }
    case 'AddNamespace':
    case 'DropNamespace':
      return { kind: 'schema', schema: c.namespace.name, name: '' };
    case 'ModifyNamespace':
      return { kind: 'schema', schema: c.to.name, name: '' };
    case 'AddExtension':
    case 'DropExtension':
      return { kind: 'extension', schema: c.extension.schema, name: c.extension.name };
    case 'ModifyExtension':
      return { kind: 'extension', schema: c.to.schema, name: c.to.name };
    default:
      return { kind: 'object', schema: '', name: c.kind };
  }
}

function ddlOf(schema: Schema, ref: ObjectRef, renamedFrom?: { schema: string; name: string }): string {
  const lookup = renamedFrom ?? ref;
  const same = (o: { schema: string; name: string }) => o.schema === lookup.schema && o.name === lookup.name;
  const lines: string[] = [];
  switch (ref.kind) {
    case 'table': {
      const t = schema.tables.find(same);
      if (t) lines.push(createTable(t), ...tableDetails(t), ...tableTail(t), ...t.foreignKeys.map((f) => `ALTER TABLE ${q(t)} ADD ${foreignKeyClause(f)}`));
      break;
    }
    case 'view': {
      const v = schema.views.find(same);
      if (v) lines.push(...createView(v));
      break;
    }
    case 'type': {
      const e = schema.enums.find(same);
      if (e) lines.push(...createEnum(e));
      const t = (schema.composites ?? []).find(same);
      if (t) lines.push(...createComposite(t));
      const r = (schema.ranges ?? []).find(same);
      if (r) lines.push(...createRange(r));
      break;
    }
    case 'collation': {
      const c = (schema.collations ?? []).find(same);
      if (c) lines.push(...createCollation(c));
      break;
    }
    case 'domain': {
      const d = schema.domains.find(same);
      if (d) lines.push(...createDomain(d));
      break;
    }
    case 'sequence': {
      const s = schema.sequences.find(same);
      if (s) lines.push(...createSequence(s));
      break;
    }
    case 'routine': {
      const r = schema.routines.find((x) => x.schema === ref.schema && `${x.name}(${x.identityArguments})` === ref.name);
      if (r?.definition) lines.push(...createRoutine(r));
      break;
    }
    case 'schema': {
      const n = schema.namespaces.find((x) => x.name === ref.schema);
      if (n) lines.push(`CREATE SCHEMA ${quoteIdent(n.name)}`, ...(n.comment !== null ? [commentOn('SCHEMA', quoteIdent(n.name), n.comment)] : []));
      break;
    }
    case 'extension': {
      const x = schema.extensions.find((e) => e.name === ref.name);
      if (x) lines.push(`CREATE EXTENSION ${quoteIdent(x.name)} WITH SCHEMA ${quoteIdent(x.schema)} VERSION ${quoteLiteral(x.version)}`);
      break;
    }
  }
  return lines.map((l) => `${l};\n`).join('');
}

function describe(c: Change): string {
  const o = c as unknown as Record<string, { name?: string } | undefined>;
  const detail =
    c.kind === 'ModifyColumn'
      ? `${c.to.name} (${Object.entries(c.changes).filter(([, v]) => v).map(([k]) => k).join(', ')})`
      : c.kind === 'RenameColumn'
        ? `${c.from.name} → ${c.to.name} (confidence ${c.confidence})`
        : c.kind === 'RenameTable'
          ? `${c.from.name} → ${c.to.name} (confidence ${c.confidence})`
          : c.kind === 'AddGrant' || c.kind === 'DropGrant'
            ? `${c.grant.privilege} to ${c.grant.grantee}${c.target.kind === 'column' ? ` on ${c.target.column}` : ''}`
            : (o.column ?? o.index ?? o.primaryKey ?? o.unique ?? o.check ?? o.exclusion ?? o.foreignKey ?? o.trigger ?? o.policy ?? o.to)?.name ?? '';
  return detail ? `${c.kind} ${detail}` : c.kind;
}

export function renderChangesText(changes: readonly Change[], from: Schema, to: Schema, labels: { from: string; to: string }, color = false): string {
  const ch = new Chalk({ level: color ? 1 : 0 });
  if (changes.length === 0) return `no differences between ${labels.from} and ${labels.to}\n`;
  const groups = new Map<string, { ref: ObjectRef; changes: Change[]; renamedFrom?: { schema: string; name: string } }>();
  for (const c of changes) {
    const ref = objectOf(c);
    const k = `${ref.kind}|${ref.schema}|${ref.name}`;
    const g = groups.get(k) ?? { ref, changes: [] };
    if (c.kind === 'RenameTable') g.renamedFrom = { schema: c.from.schema, name: c.from.name };
    g.changes.push(c);
    groups.set(k, g);
  }
  const lines: string[] = [`${changes.length} change${changes.length === 1 ? '' : 's'} in ${groups.size} object${groups.size === 1 ? '' : 's'} from ${labels.from} to ${labels.to}`, ''];
  for (const g of groups.values()) {
    const before = ddlOf(from, g.ref, g.renamedFrom);
    const after = ddlOf(to, g.ref);
    const sign = before === '' ? ch.green('+') : after === '' ? ch.red('-') : ch.yellow('~');
    const name = g.ref.kind === 'schema' ? g.ref.schema : `${g.ref.schema}.${g.ref.name}`;
    lines.push(`${sign} ${g.ref.kind} ${ch.bold(name)}: ${g.changes.map(describe).join('; ')}`);
  }
  lines.push('');
  for (const g of groups.values()) {
    const before = ddlOf(from, g.ref, g.renamedFrom);
    const after = ddlOf(to, g.ref);
    if (before === after) continue;
    const name = g.ref.kind === 'schema' ? g.ref.schema : `${g.ref.schema}.${g.ref.name}`;
    const patch = createTwoFilesPatch(`${labels.from}/${g.ref.kind} ${name}`, `${labels.to}/${g.ref.kind} ${name}`, before, after, undefined, undefined, { context: 3 });
    for (const line of patch.split('\n').slice(1)) {
      if (line.startsWith('+') && !line.startsWith('+++')) lines.push(ch.green(line));
      else if (line.startsWith('-') && !line.startsWith('---')) lines.push(ch.red(line));
      else if (line.startsWith('@@')) lines.push(ch.cyan(line));
      else lines.push(line);
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
