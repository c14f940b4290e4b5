-- schemaguard:no-transaction
-- Move (c), step 2: dns_validation_results and http_keyword_results are folded into
-- generated_domains (seed 000, the "000039" idea): each result row becomes a JSONB document
-- on its domain (the row itself, without generated_domain_id, so that it can be restored
-- exactly) and business_status is derived from both.
--
-- Why batches, and why outside a transaction: at 2,000,000 domains one UPDATE holds row
-- locks on every touched domain until it commits (minutes of blocked writers to those rows)
-- and leaves all of its dead tuples to one vacuum. Instead, one pass over the primary key
-- finds the batch bounds, then each batch is its own transaction (COMMIT inside the DO block,
-- which needs this file to run outside a transaction): row locks are held for one batch
-- only. A batch is a key range, so both result tables are read through their unique index
-- on generated_domain_id in the same order (a merge join), never scanned whole per batch.
-- Re-running after an interruption is safe: a batch recomputes the same values and rows
-- already carrying them are skipped. 000014 verifies every result row before dropping.
-- As in 000009, a jsonb column that is SQL NULL is left out of the document, so that JSON null
-- (present, null) and SQL NULL (absent) stay apart.
DO $fold$
DECLARE
  batch_size constant integer := 50000;
  starts uuid[];
  n integer;
  range_filter text;
  touched bigint;
  total bigint := 0;
BEGIN
  SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO starts
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM generated_domains) numbered
  WHERE (rn - 1) % batch_size = 0;
  n := coalesce(array_length(starts, 1), 0);
  FOR i IN 1 .. n LOOP
    range_filter := CASE WHEN i < n THEN 'generated_domain_id >= $1 AND generated_domain_id < $2' ELSE 'generated_domain_id >= $1' END;
    EXECUTE format($sql$
      UPDATE generated_domains gd
      SET dns_result = r.dns_doc, http_result = r.http_doc, business_status = r.business_status
      FROM (
        SELECT coalesce(d.generated_domain_id, h.generated_domain_id) AS id,
               CASE WHEN d.id IS NULL THEN NULL ELSE to_jsonb(d) - 'generated_domain_id'
                    - array_remove(ARRAY[CASE WHEN d.dns_records IS NULL THEN 'dns_records' END], NULL) END AS dns_doc,
               CASE WHEN h.id IS NULL THEN NULL ELSE to_jsonb(h) - 'generated_domain_id'
                    - array_remove(ARRAY[CASE WHEN h.response_headers IS NULL THEN 'response_headers' END,
                                         CASE WHEN h.found_keywords_from_sets IS NULL THEN 'found_keywords_from_sets' END], NULL) END AS http_doc,
               CASE
                 WHEN h.validation_status = 'valid'
                      AND (coalesce(cardinality(h.found_ad_hoc_keywords), 0) > 0
                           OR coalesce(h.found_keywords_from_sets NOT IN ('{}'::jsonb, '[]'::jsonb, 'null'::jsonb), false))
                   THEN 'lead_candidate'
                 WHEN h.validation_status = 'valid' THEN 'valid_http'
                 WHEN h.validation_status = 'invalid' THEN 'invalid_http'
                 WHEN h.validation_status = 'error' THEN 'http_error'
                 -- HTTP pending or skipped (or never run): the DNS outcome is the latest word.
                 WHEN d.validation_status = 'valid' THEN 'valid_dns'
                 WHEN d.validation_status = 'invalid' THEN 'invalid_dns'
                 WHEN d.validation_status = 'error' THEN 'dns_error'
                 WHEN d.validation_status = 'skipped' THEN 'skipped'
                 ELSE 'pending'
               END AS business_status
        FROM (SELECT * FROM dns_validation_results WHERE %1$s) d
        FULL JOIN (SELECT * FROM http_keyword_results WHERE %1$s) h ON h.generated_domain_id = d.generated_domain_id
      ) r
      WHERE gd.id = r.id
        AND (gd.dns_result, gd.http_result, gd.business_status) IS DISTINCT FROM (r.dns_doc, r.http_doc, r.business_status)
    $sql$, range_filter) USING starts[i], starts[i + 1];
    GET DIAGNOSTICS touched = ROW_COUNT;
    total := total + touched;
    COMMIT;
    RAISE NOTICE 'fold domain results: batch % of % (% domains updated)', i, n, total;
  END LOOP;
END
$fold$;
