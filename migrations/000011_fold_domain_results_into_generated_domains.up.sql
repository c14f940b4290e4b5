-- schemaguard:no-transaction
-- Move (c), step 2: dns_validation_results and http_keyword_results are folded into
-- generated_domains (seed 000, the "000039" idea): each result's columns land in the
-- domain's dns_* / http_* columns, and business_status (seed 002) is derived from both.
--
-- Why batches, and why outside a transaction: at 2,000,000 domains one UPDATE holds the row
-- locks of every domain it touches until it commits (writers to those rows wait for the whole
-- move) and leaves all its dead tuples to one vacuum. Instead, one pass over the primary key
-- finds the batch bounds, then each batch is its own transaction (COMMIT inside the DO block,
-- which needs this file to run outside a transaction): row locks are held for one batch only,
-- and no statement takes a table lock that blocks writes. A batch is a key range, so both
-- result tables are read through their primary key (generated_domain_id) in the same order:
-- a merge join per batch, never a scan of a whole result table.
-- Re-running after an interruption is safe: a batch recomputes the same values, and the
-- original summary statuses were archived in the same transaction as their overwrite.
-- 000014 verifies every result row against generated_domains before dropping anything.
DO $fold$
DECLARE
  batch_size constant integer := 50000;
  starts uuid[];
  n integer;
  range_filter text;
  domain_filter text;
  touched bigint;
  total bigint := 0;
BEGIN
  SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO starts
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM generated_domains) numbered
  WHERE (rn - 1) % batch_size = 0;
  n := coalesce(array_length(starts, 1), 0);
  FOR i IN 1 .. n LOOP
    range_filter := CASE WHEN i < n THEN 'generated_domain_id >= $1 AND generated_domain_id < $2' ELSE 'generated_domain_id >= $1' END;
    -- The same range on generated_domains itself, so that it is read through its primary key
    -- for the batch only (the planner cannot carry the range across the join by itself).
    domain_filter := CASE WHEN i < n THEN 'gd.id >= $1 AND gd.id < $2' ELSE 'gd.id >= $1' END;
    EXECUTE format($sql$
      WITH r AS (
        SELECT coalesce(d.generated_domain_id, h.generated_domain_id) AS id,
               d.generated_domain_id IS NOT NULL AS has_dns, h.generated_domain_id IS NOT NULL AS has_http,
               d.validation_status AS dns_status, d.resolved_ip, d.dns_records, d.validated_by_persona_id AS dns_persona_id,
               d.checked_at AS dns_checked_at,
               h.validation_status AS http_status, h.http_status_code, h.page_title, h.found_keywords,
               h.validated_by_persona_id AS http_persona_id, h.checked_at AS http_checked_at
        FROM (SELECT * FROM dns_validation_results WHERE %1$s) d
        FULL JOIN (SELECT * FROM http_keyword_results WHERE %1$s) h ON h.generated_domain_id = d.generated_domain_id
      ), archived AS (
        INSERT INTO legacy_archive.generated_domain_statuses (generated_domain_id, dns_status, http_status)
        SELECT gd.id, gd.dns_status::text, gd.http_status::text
        FROM generated_domains gd JOIN r ON r.id = gd.id
        WHERE %2$s AND ((r.has_dns AND gd.dns_status <> r.dns_status) OR (r.has_http AND gd.http_status <> r.http_status))
        ON CONFLICT (generated_domain_id) DO NOTHING
      )
      UPDATE generated_domains gd
      SET dns_status = CASE WHEN r.has_dns THEN r.dns_status ELSE gd.dns_status END,
          dns_ip = r.resolved_ip,
          dns_records = r.dns_records,
          dns_persona_id = r.dns_persona_id,
          dns_checked_at = r.dns_checked_at,
          http_status = CASE WHEN r.has_http THEN r.http_status ELSE gd.http_status END,
          http_status_code = r.http_status_code,
          http_title = r.page_title,
          http_keywords = r.found_keywords,
          http_persona_id = r.http_persona_id,
          http_checked_at = r.http_checked_at,
          business_status = CASE
            WHEN r.http_status = 'valid' AND coalesce(r.found_keywords NOT IN ('{}'::jsonb, '[]'::jsonb, 'null'::jsonb), false) THEN 'lead_candidate'
            WHEN r.http_status = 'valid' THEN 'valid_http'
            WHEN r.http_status = 'invalid' THEN 'invalid_http'
            WHEN r.http_status = 'error' THEN 'http_error'
            -- HTTP pending or skipped, or never run: the DNS outcome is the latest word.
            WHEN r.dns_status = 'valid' THEN 'valid_dns'
            WHEN r.dns_status = 'invalid' THEN 'invalid_dns'
            WHEN r.dns_status = 'error' THEN 'dns_error'
            WHEN r.dns_status = 'skipped' THEN 'skipped'
            ELSE 'pending'
          END
      FROM r
      WHERE gd.id = r.id AND %2$s
    $sql$, range_filter, domain_filter) USING starts[i], starts[i + 1];
    GET DIAGNOSTICS touched = ROW_COUNT;
    total := total + touched;
    COMMIT;
    RAISE NOTICE 'fold domain results: batch % of % (% domains updated)', i, n, total;
  END LOOP;
END
$fold$;
