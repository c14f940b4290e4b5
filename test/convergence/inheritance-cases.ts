// Convergence cases for table inheritance (INHERITS, not partitioning): children created after
// their parents with only their own columns, attached (INHERIT) and detached (NO INHERIT),
// a parent's column or check reaching its children by itself, and a child's column that is
// both its own and inherited kept when the parent drops it.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const PARENT = `CREATE TABLE "Event Base" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, CONSTRAINT "kind known" CHECK (kind <> ''));`;
const CHILD = `CREATE TABLE "click Event" (x int, y int) INHERITS ("Event Base");`;
const OTHER = `CREATE TABLE view_event (page text NOT NULL, CONSTRAINT page_set CHECK (page <> '')) INHERITS ("Event Base");`;
const ROWS = `INSERT INTO "click Event" (id, kind, x, y) VALUES (1, 'click', 3, 4);`;

export const INHERITANCE_CASES: readonly ConvergenceCase[] = [
  // ---- add
  c('inheritance: a parent and its children created from nothing, children after the parent',
    '',
    // "z parent" sorts after its child: the order comes from the dependency, not the names
    `CREATE TABLE "z parent" (id int); CREATE TABLE a_child (v int) INHERITS ("z parent"); ${PARENT} ${CHILD} ${OTHER}`,
    { expectSql: [/^CREATE TABLE "public"\."click Event" \(\n {2}"x" integer,\n {2}"y" integer\n\) INHERITS \("public"\."Event Base"\)$/] }),
  c('inheritance: a new child of an existing parent, with a default of its own on an inherited column',
    PARENT,
    `${PARENT} ${CHILD} ALTER TABLE "click Event" ALTER COLUMN kind SET DEFAULT 'click', ALTER COLUMN at SET NOT NULL;`,
    { expectSql: [/^ALTER TABLE "public"\."click Event" ALTER COLUMN "kind" SET DEFAULT 'click'::text$/] }),
  c('inheritance: an existing table with rows attached to a parent (INHERIT), after it gains the parent\'s NOT NULL and check',
    `${PARENT} CREATE TABLE "click Event" (id bigint, at timestamptz DEFAULT now(), kind text, x int, y int); ${ROWS}`,
    `${PARENT} ${CHILD}`,
    { expectSql: [/^ALTER TABLE "public"\."click Event" INHERIT "public"\."Event Base"$/] }),
  c('inheritance: a second parent appended (multiple inheritance)',
    `${PARENT} CREATE TABLE tagged (tag text); ${CHILD}`,
    `${PARENT} CREATE TABLE tagged (tag text); CREATE TABLE "click Event" (x int, y int) INHERITS ("Event Base", tagged);`),

  // ---- drop
  c('inheritance: a child detached (NO INHERIT) keeps its columns and rows, drops the check it inherited',
    `${PARENT} ${CHILD} ${ROWS}`,
    `${PARENT} CREATE TABLE "click Event" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, x int, y int);`,
    { expectSql: [/^ALTER TABLE "public"\."click Event" NO INHERIT "public"\."Event Base"$/] }),
  c('inheritance: a parent dropped, its child detached first and kept',
    `${PARENT} ${CHILD} ${ROWS}`,
    `CREATE TABLE "click Event" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, x int, y int, CONSTRAINT "kind known" CHECK (kind <> ''));`,
    { hazards: ['deletes-data'] }),
  c('inheritance: a parent and its children dropped to nothing, children first',
    `${PARENT} ${CHILD} ${OTHER} ${ROWS}`,
    ''),

  // ---- alter
  c('inheritance: a column added to a parent with children is added once, on the parent',
    `${PARENT} ${CHILD} ${OTHER} ${ROWS}`,
    `${PARENT} ${CHILD} ${OTHER} ALTER TABLE "Event Base" ADD COLUMN "Source" text DEFAULT 'web';`,
    { expectSql: [/^ALTER TABLE "public"\."Event Base" ADD COLUMN "Source" text DEFAULT 'web'::text$/] }),
  c('inheritance: a column dropped from a parent (ONLY): one child drops it too, the other keeps it as its own',
    `${PARENT} ${CHILD} ${OTHER} ${ROWS}`,
    `CREATE TABLE "Event Base" (id bigint NOT NULL, at timestamptz DEFAULT now(), CONSTRAINT "kind known" CHECK (true));
     CREATE TABLE "click Event" (kind text, x int, y int) INHERITS ("Event Base");
     CREATE TABLE view_event (page text NOT NULL, CONSTRAINT page_set CHECK (page <> '')) INHERITS ("Event Base");`,
    { expectSql: [/^ALTER TABLE ONLY "public"\."Event Base" DROP COLUMN "kind"$/, /^ALTER TABLE "public"\."view_event" DROP COLUMN "kind"$/] }),
  c('inheritance: a column both local and inherited (declared by the child too) stays when the parent drops it',
    `CREATE TABLE base (id int, note text); CREATE TABLE item (note text DEFAULT 'n/a', qty int) INHERITS (base); INSERT INTO item VALUES (1, 'kept', 2);`,
    `CREATE TABLE base (id int); CREATE TABLE item (note text DEFAULT 'n/a', qty int) INHERITS (base);`,
    { expectSql: [/^ALTER TABLE ONLY "public"\."base" DROP COLUMN "note"$/] }),
  c('inheritance: a child created with a column that is both its own and inherited',
    'CREATE TABLE base (id int, note text);',
    `CREATE TABLE base (id int, note text); CREATE TABLE item (note text DEFAULT 'n/a', qty int) INHERITS (base);`,
    { expectSql: [/^CREATE TABLE "public"\."item" \(\n {2}"note" text DEFAULT 'n\/a'::text,\n {2}"qty" integer\n\) INHERITS \("public"\."base"\)$/] }),
  c('inheritance: a child moved from one parent to another',
    `${PARENT} CREATE TABLE archive_base (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, archived_at timestamptz); ${CHILD} ${ROWS}`,
    `${PARENT} CREATE TABLE archive_base (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, archived_at timestamptz);
     CREATE TABLE "click Event" (x int, y int) INHERITS (archive_base);`,
    { expectSql: [/^ALTER TABLE "public"\."click Event" NO INHERIT "public"\."Event Base"$/, /^ALTER TABLE "public"\."click Event" INHERIT "public"\."archive_base"$/] }),
  c('inheritance: parents reordered (detached and attached again in the new order)',
    `${PARENT} CREATE TABLE tagged (tag text); CREATE TABLE "click Event" (x int) INHERITS ("Event Base", tagged);`,
    `${PARENT} CREATE TABLE tagged (tag text); CREATE TABLE "click Event" (x int) INHERITS (tagged, "Event Base");`),
  c('inheritance: a check added to and one dropped from a parent reach the children by themselves',
    `${PARENT} ${CHILD} ${OTHER} ${ROWS}`,
    `CREATE TABLE "Event Base" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text, CONSTRAINT "id positive" CHECK (id > 0)); ${CHILD} ${OTHER}`),
  c('inheritance: a parent column\'s type, default and nullability changed, children follow',
    `${PARENT} ${CHILD} ${OTHER} ${ROWS}`,
    `CREATE TABLE "Event Base" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind varchar(40) NOT NULL DEFAULT 'unknown', CONSTRAINT "kind known" CHECK (kind <> '')); ${CHILD} ${OTHER}`),
  c('inheritance: a column a parent gains, with a default, NOT NULL and a grant of one child\'s own',
    `${PARENT} ${CHILD} ${OTHER}`,
    `${PARENT} ${CHILD} ${OTHER} ALTER TABLE "Event Base" ADD COLUMN src text DEFAULT 'web';
     ALTER TABLE "click Event" ALTER COLUMN src SET DEFAULT 'app', ALTER COLUMN src SET NOT NULL; GRANT SELECT (src) ON "click Event" TO sg_conv_reader;`,
    { expectSql: [/^ALTER TABLE "public"\."click Event" ALTER COLUMN "src" SET DEFAULT 'app'::text$/] }),
  c('inheritance: a parent\'s default changed while a child keeps a default of its own',
    `${PARENT} ${CHILD} ${OTHER} ALTER TABLE "click Event" ALTER COLUMN kind SET DEFAULT 'click';`,
    `CREATE TABLE "Event Base" (id bigint NOT NULL, at timestamptz DEFAULT now(), kind text DEFAULT 'other', CONSTRAINT "kind known" CHECK (kind <> '')); ${CHILD} ${OTHER}
     ALTER TABLE "click Event" ALTER COLUMN kind SET DEFAULT 'tap';`),
  c('inheritance: a parent column renamed, children follow',
    `${PARENT} ${CHILD} ${ROWS}`,
    `CREATE TABLE "Event Base" (id bigint NOT NULL, happened_at timestamptz DEFAULT now(), kind text, CONSTRAINT "kind known" CHECK (kind <> '')); ${CHILD}`,
    { expectSql: [/^ALTER TABLE "public"\."Event Base" RENAME COLUMN "at" TO "happened_at"$/] }),
  c('inheritance: a check both local and inherited on a child stays when the parent drops it',
    `CREATE TABLE base (id int, CONSTRAINT pos CHECK (id > 0)); CREATE TABLE item (qty int, CONSTRAINT pos CHECK (id > 0)) INHERITS (base);`,
    `CREATE TABLE base (id int); CREATE TABLE item (qty int, CONSTRAINT pos CHECK (id > 0)) INHERITS (base);`),
  c('inheritance: a check both local and inherited dropped from the parent and the child',
    `CREATE TABLE base (id int, CONSTRAINT pos CHECK (id > 0)); CREATE TABLE item (qty int, CONSTRAINT pos CHECK (id > 0)) INHERITS (base);`,
    `CREATE TABLE base (id int); CREATE TABLE item (qty int) INHERITS (base);`),
  c('inheritance: a parent\'s column type changed while a child has a default of its own',
    `CREATE TABLE base (n int DEFAULT 1); CREATE TABLE item (qty int) INHERITS (base); ALTER TABLE item ALTER COLUMN n SET DEFAULT 7;`,
    `CREATE TABLE base (n bigint DEFAULT 2); CREATE TABLE item (qty int) INHERITS (base); ALTER TABLE item ALTER COLUMN n SET DEFAULT 7;`),
  c('inheritance: a parent with an identity column gains a child',
    'CREATE TABLE base (id int GENERATED ALWAYS AS IDENTITY, v text);',
    'CREATE TABLE base (id int GENERATED ALWAYS AS IDENTITY, v text); CREATE TABLE item (qty int) INHERITS (base);'),
  c('inheritance: a child in another schema than its parent, with its own key and index',
    `${PARENT} CREATE SCHEMA "Audit";`,
    `${PARENT} CREATE SCHEMA "Audit"; CREATE TABLE "Audit".login (who text, PRIMARY KEY (id)) INHERITS (public."Event Base"); CREATE INDEX ON "Audit".login (at);`),
];
