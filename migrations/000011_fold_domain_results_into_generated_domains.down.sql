-- schemaguard:no-transaction
-- Empties the result columns again and puts archived summary statuses back, in the same
-- key-range batches as the up (see there why). dns_validation_results and
-- http_keyword_results still hold every row at this level.
DO $unfold$
DECLARE
  batch_size constant integer := 50000;
  starts uuid[];
  n integer;
  range_filter text;
BEGIN
  SELECT coalesce(array_agg(id ORDER BY id), '{}') INTO starts
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM generated_domains) numbered
  WHERE (rn - 1) % batch_size = 0;
  n := coalesce(array_length(starts, 1), 0);
  FOR i IN 1 .. n LOOP
    range_filter := CASE WHEN i < n THEN 'gd.id >= $1 AND gd.id < $2' ELSE 'gd.id >= $1' END;
    EXECUTE format($sql$
      UPDATE generated_domains gd
      SET dns_status = coalesce(a.dns_status::validation_status_enum, gd.dns_status),
          http_status = coalesce(a.http_status::validation_status_enum, gd.http_status),
          dns_ip = NULL, dns_records = NULL, dns_persona_id = NULL, dns_checked_at = NULL,
          http_status_code = NULL, http_title = NULL, http_keywords = NULL, http_persona_id = NULL,
          http_checked_at = NULL, business_status = NULL
      FROM (SELECT gd.id, s.dns_status, s.http_status
            FROM generated_domains gd
            LEFT JOIN legacy_archive.generated_domain_statuses s ON s.generated_domain_id = gd.id
            WHERE %1$s
              AND (s.generated_domain_id IS NOT NULL
                   OR num_nonnulls(gd.dns_ip, gd.dns_records, gd.dns_persona_id, gd.dns_checked_at, gd.http_status_code,
                                   gd.http_title, gd.http_keywords, gd.http_persona_id, gd.http_checked_at, gd.business_status) > 0)) a
      WHERE gd.id = a.id AND %1$s
    $sql$, range_filter) USING starts[i], starts[i + 1];
    COMMIT;
    RAISE NOTICE 'unfold domain results: batch % of %', i, n;
  END LOOP;
  TRUNCATE legacy_archive.generated_domain_statuses;
END
$unfold$;
