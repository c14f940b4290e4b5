-- Move (f), seed 000: drop the legacy tables, but only after proving, in this same
-- transaction, that every one of their rows is carried by the phase-centric layout: for each
-- legacy row, the document that replaced it must give back that exact row
-- (jsonb_populate_record … *= row: equal binary images, NULLs included), and no document may
-- claim a row that does not exist. Anything else raises, the runner rolls the whole migration
-- back (exit 3), and nothing is dropped.
--
-- SHARE locks freeze the legacy tables (nothing writes them after the move; if something
-- still does, it waits instead of writing a row the check has not seen). They do not block
-- writes to lead_generation_campaigns or generated_domains, which are only read here.
LOCK TABLE domain_generation_campaign_params, dns_validation_campaign_params, http_keyword_campaign_params,
           domain_generation_phases, dns_validation_phases, http_keyword_validation_phases, analysis_phases,
           dns_validation_results, http_keyword_results
  IN SHARE MODE;

DO $verify$
DECLARE
  t record;
  col name;
  legacy_row text;
  json_nulls text;
  missing bigint;
  extra bigint;
  problems text[] := '{}';
BEGIN
  FOR t IN SELECT * FROM (VALUES
      ('domain_generation_campaign_params', 'lead_generation_campaigns', 'campaign_id', 'src.domains_data -> ''configuration'''),
      ('domain_generation_phases', 'lead_generation_campaigns', 'campaign_id', 'src.domains_data -> ''execution'''),
      ('dns_validation_campaign_params', 'lead_generation_campaigns', 'campaign_id', 'src.dns_results -> ''configuration'''),
      ('dns_validation_phases', 'lead_generation_campaigns', 'campaign_id', 'src.dns_results -> ''execution'''),
      ('http_keyword_campaign_params', 'lead_generation_campaigns', 'campaign_id', 'src.http_results -> ''configuration'''),
      ('http_keyword_validation_phases', 'lead_generation_campaigns', 'campaign_id', 'src.http_results -> ''execution'''),
      ('analysis_phases', 'lead_generation_campaigns', 'campaign_id', 'src.analysis_results -> ''execution'''),
      ('dns_validation_results', 'generated_domains', 'generated_domain_id', 'src.dns_result'),
      ('http_keyword_results', 'generated_domains', 'generated_domain_id', 'src.http_result'))
    AS v (legacy_table, holder, link, doc)
  LOOP
    -- jsonb_populate_record turns a JSON null into SQL NULL; the documents tell the two apart
    -- by key presence (see 000009). So jsonb columns are compared directly, and the rest of
    -- the row with those columns' JSON nulls set to SQL NULL on the legacy side too.
    legacy_row := 't';
    json_nulls := '';
    FOR col IN
      SELECT a.attname FROM pg_attribute a
      WHERE a.attrelid = t.legacy_table::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'jsonb'::regtype
      ORDER BY a.attnum
    LOOP
      legacy_row := format('jsonb_populate_record(%s, CASE WHEN t.%I = ''null''::jsonb THEN jsonb_build_object(%L, NULL) ELSE ''{}''::jsonb END)', legacy_row, col, col);
      json_nulls := json_nulls || format(' AND (%s -> %L) IS NOT DISTINCT FROM t.%I', t.doc, col, col);
    END LOOP;

    EXECUTE format($q$
      SELECT count(*) FROM %1$I t
      WHERE NOT EXISTS (
        SELECT 1 FROM %2$I src
        WHERE src.id = t.%3$I
          AND jsonb_typeof(%4$s) = 'object'
          AND jsonb_populate_record(NULL::%1$I, (%4$s) || jsonb_build_object(%3$L, src.id)) *= %5$s
          %6$s)
    $q$, t.legacy_table, t.holder, t.link, t.doc, legacy_row, json_nulls) INTO missing;
    EXECUTE format($q$
      SELECT count(*) FROM %2$I src
      WHERE jsonb_typeof(%4$s) = 'object'
        AND NOT EXISTS (SELECT 1 FROM %1$I t WHERE t.%3$I = src.id)
    $q$, t.legacy_table, t.holder, t.link, t.doc) INTO extra;
    IF missing > 0 OR extra > 0 THEN
      problems := problems || format('%s: %s rows not carried over, %s documents without a row', t.legacy_table, missing, extra);
    END IF;
  END LOOP;

  IF cardinality(problems) > 0 THEN
    RAISE EXCEPTION 'pre-drop verification failed, nothing dropped: %', array_to_string(problems, '; ')
      USING ERRCODE = 'data_exception',
            HINT = 'migrate down to 000013 and up again to redo the moves, or find what changed the documents';
  END IF;
END
$verify$;

DROP VIEW domain_validation_overview;
DROP TABLE http_keyword_results;
DROP TABLE dns_validation_results;
DROP TABLE analysis_phases, http_keyword_validation_phases, dns_validation_phases, domain_generation_phases;
DROP TABLE http_keyword_campaign_params, dns_validation_campaign_params, domain_generation_campaign_params;

-- The event store is unused (seed 000) but not ours to destroy: it leaves the application's
-- schema for the archive, untouched, sequence and all.
ALTER TABLE event_store SET SCHEMA legacy_archive;
ALTER TABLE event_projections SET SCHEMA legacy_archive;
