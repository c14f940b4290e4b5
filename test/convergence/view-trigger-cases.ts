// Convergence cases for triggers on views (INSTEAD OF, and statement triggers): introspected
// with the view, created after it, and kept when the view itself is dropped and re-created.
import type { ConvergenceCase } from './harness.js';

const c = (name: string, old: string, next: string, extra: Partial<ConvergenceCase> = {}): ConvergenceCase => ({ name, old, new: next, ...extra });

const BASE = `CREATE TABLE note (id int PRIMARY KEY, body text, tag text);
CREATE FUNCTION note_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO note (id, body) VALUES (NEW.id, NEW.body); RETURN NEW; END $$;
CREATE FUNCTION note_upd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE note SET body = NEW.body WHERE id = OLD.id; RETURN NEW; END $$;`;
const VIEW = 'CREATE VIEW "Note View" AS SELECT id, body FROM note;';
const INS = 'CREATE TRIGGER "note ins" INSTEAD OF INSERT ON "Note View" FOR EACH ROW EXECUTE FUNCTION note_ins();';

export const VIEW_TRIGGER_CASES: readonly ConvergenceCase[] = [
  c('view triggers: an INSTEAD OF trigger added to an existing view',
    `${BASE} ${VIEW}`,
    `${BASE} ${VIEW} ${INS}`,
    // the definition is pg_get_triggerdef's, which quotes only where needed
    { expectSql: [/^CREATE TRIGGER "note ins" INSTEAD OF INSERT ON "?public"?\."Note View"/] }),
  c('view triggers: an INSTEAD OF trigger dropped from a view',
    `${BASE} ${VIEW} ${INS}`,
    `${BASE} ${VIEW}`,
    { expectSql: [/^DROP TRIGGER "note ins" ON "public"\."Note View"/] }),
  c('view triggers: an INSTEAD OF trigger changes its event and function',
    `${BASE} ${VIEW} ${INS}`,
    `${BASE} ${VIEW} CREATE TRIGGER "note ins" INSTEAD OF UPDATE ON "Note View" FOR EACH ROW EXECUTE FUNCTION note_upd();`),
  c('view triggers: a view with its trigger created from nothing and dropped to nothing',
    BASE,
    `${BASE} ${VIEW} ${INS} COMMENT ON TRIGGER "note ins" ON "Note View" IS 'routes inserts';`),
  c('view triggers: a view re-created (column removed) keeps its trigger',
    `${BASE} CREATE VIEW "Note View" AS SELECT id, body, tag FROM note; ${INS}`,
    `${BASE} ${VIEW} ${INS}`),
  c('view triggers: a statement-level trigger on a view',
    `${BASE} ${VIEW}`,
    `${BASE} ${VIEW} CREATE FUNCTION note_stmt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; CREATE TRIGGER note_audit AFTER INSERT ON "Note View" FOR EACH STATEMENT EXECUTE FUNCTION note_stmt();`),
];
