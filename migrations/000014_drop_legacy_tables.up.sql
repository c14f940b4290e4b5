-- Move (f), seed 000: drop the legacy tables, but only after proving, in this same
-- transaction, that every one of their rows is carried by the phase-centric layout: for each
-- legacy row, what replaced it must give back that exact row (record *= record: equal binary
-- images, NULLs included), and nothing may claim a row that does not exist. Anything else
-- raises, the runner rolls the whole migration back (exit 3), and nothing is dropped.
--
-- SHARE locks freeze the legacy tables (nothing should write them after the move; if
-- something still does, it waits instead of writing a row the check has not seen). They do
-- not block writes to lead_generation_campaigns or generated_domains, which are only read
-- until the DROPs at the very end.
LOCK TABLE domain_generation_campaign_params, dns_validation_campaign_params, http_keyword_campaign_params,
           domain_generation_phases, dns_validation_phases, http_keyword_validation_phases, analysis_phases,
           dns_validation_results, http_keyword_results
  IN SHARE MODE;

DO $verify$
DECLARE
  spec record;
  col name;
  legacy_row text;
  json_nulls text;
  missing bigint;
  extra bigint;
  problems text[] := '{}';
BEGIN
  -- Campaign-level tables: each row is one object of a phase document (see 000009).
  FOR spec IN SELECT * FROM (VALUES
      ('domain_generation_campaign_params', 'src.domains_data -> ''config''', 'src.domains_data -> ''config'''),
      ('domain_generation_phases', '(src.domains_data -> ''state'') || (src.domains_data -> ''results'')', 'src.domains_data -> ''state'''),
      ('dns_validation_campaign_params', 'src.dns_results -> ''config''', 'src.dns_results -> ''config'''),
      ('dns_validation_phases', '(src.dns_results -> ''state'') || (src.dns_results -> ''results'')', 'src.dns_results -> ''state'''),
      ('http_keyword_campaign_params', 'src.http_results -> ''config''', 'src.http_results -> ''config'''),
      ('http_keyword_validation_phases', '(src.http_results -> ''state'') || (src.http_results -> ''results'')', 'src.http_results -> ''state'''),
      ('analysis_phases', '(src.analysis_results -> ''config'') || (src.analysis_results -> ''state'') || (src.analysis_results -> ''results'')', 'src.analysis_results -> ''state'''))
    AS v (legacy_table, doc, present)
  LOOP
    -- jsonb_populate_record reads JSON null as SQL NULL; documents tell them apart by key
    -- presence. So jsonb columns are compared directly, and the rest of the row with the
    -- legacy side's JSON nulls set to SQL NULL too.
    legacy_row := 't';
    json_nulls := '';
    FOR col IN
      SELECT a.attname FROM pg_attribute a
      WHERE a.attrelid = spec.legacy_table::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'jsonb'::regtype
      ORDER BY a.attnum
    LOOP
      legacy_row := format('jsonb_populate_record(%s, CASE WHEN t.%I = ''null''::jsonb THEN jsonb_build_object(%L, NULL) ELSE ''{}''::jsonb END)', legacy_row, col, col);
      json_nulls := json_nulls || format(' AND ((%s) -> %L) IS NOT DISTINCT FROM t.%I', spec.doc, col, col);
    END LOOP;

    EXECUTE format($q$
      SELECT count(*) FROM %1$I t
      WHERE NOT EXISTS (
        SELECT 1 FROM lead_generation_campaigns src
        WHERE src.id = t.campaign_id
          AND jsonb_typeof(%3$s) = 'object'
          AND jsonb_populate_record(NULL::%1$I, (%2$s) || jsonb_build_object('campaign_id', src.id)) *= %4$s
          %5$s)
    $q$, spec.legacy_table, spec.doc, spec.present, legacy_row, json_nulls) INTO missing;
    EXECUTE format($q$
      SELECT count(*) FROM lead_generation_campaigns src
      WHERE jsonb_typeof(%2$s) = 'object'
        AND NOT EXISTS (SELECT 1 FROM %1$I t WHERE t.campaign_id = src.id)
    $q$, spec.legacy_table, spec.present) INTO extra;
    IF missing > 0 OR extra > 0 THEN
      problems := problems || format('%s: %s rows not carried over, %s documents without a row', spec.legacy_table, missing, extra);
    END IF;
  END LOOP;

  -- Per-domain results: each row is a set of columns of its generated domain (see 000011);
  -- a domain carries a result exactly when its *_checked_at is set (checked_at is NOT NULL
  -- in both result tables).
  SELECT count(*) INTO missing FROM dns_validation_results t
  WHERE NOT EXISTS (
    SELECT 1 FROM generated_domains gd
    WHERE gd.id = t.generated_domain_id
      AND ROW(gd.id, gd.campaign_id, gd.domain_name, gd.dns_status, gd.dns_ip, gd.dns_records, gd.dns_persona_id, gd.dns_checked_at)::dns_validation_results *= t);
  SELECT count(*) INTO extra FROM generated_domains gd
  WHERE gd.dns_checked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dns_validation_results t WHERE t.generated_domain_id = gd.id);
  IF missing > 0 OR extra > 0 THEN
    problems := problems || format('dns_validation_results: %s rows not carried over, %s domains claiming a result', missing, extra);
  END IF;

  SELECT count(*) INTO missing FROM http_keyword_results t
  WHERE NOT EXISTS (
    SELECT 1 FROM generated_domains gd
    WHERE gd.id = t.generated_domain_id
      AND ROW(gd.id, gd.campaign_id, gd.domain_name, gd.http_status, gd.http_status_code, gd.http_title, gd.http_keywords,
              gd.http_persona_id, gd.http_checked_at)::http_keyword_results *= t);
  SELECT count(*) INTO extra FROM generated_domains gd
  WHERE gd.http_checked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM http_keyword_results t WHERE t.generated_domain_id = gd.id);
  IF missing > 0 OR extra > 0 THEN
    problems := problems || format('http_keyword_results: %s rows not carried over, %s domains claiming a result', missing, extra);
  END IF;

  IF cardinality(problems) > 0 THEN
    RAISE EXCEPTION 'pre-drop verification failed, nothing dropped: %', array_to_string(problems, '; ')
      USING ERRCODE = 'data_exception',
            HINT = 'migrate down to 000013 and up again to redo the moves, or find what changed the moved data';
  END IF;
END
$verify$;

DROP VIEW domain_validation_overview;
DROP TABLE http_keyword_results;
DROP TABLE dns_validation_results;
DROP TABLE analysis_phases, http_keyword_validation_phases, dns_validation_phases, domain_generation_phases;
DROP TABLE http_keyword_campaign_params, dns_validation_campaign_params, domain_generation_campaign_params;
-- Only the per-phase tables used it; the phase-centric tables keep updated_at in the application.
DROP FUNCTION set_updated_at();

-- The event store is unused (seed 000) but not ours to destroy: it leaves the application's
-- schema for the archive, untouched, sequence included.
ALTER TABLE event_store SET SCHEMA legacy_archive;
ALTER TABLE event_projections SET SCHEMA legacy_archive;
