-- schemaguard:no-transaction
-- Empties the result columns again, in the same key-range batches as the up (see there why).
-- dns_validation_results and http_keyword_results still hold every row at this level.
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
    range_filter := CASE WHEN i < n THEN 'id >= $1 AND id < $2' ELSE 'id >= $1' END;
    EXECUTE format($sql$
      UPDATE generated_domains
      SET dns_result = NULL, http_result = NULL, business_status = NULL
      WHERE %1$s AND (dns_result IS NOT NULL OR http_result IS NOT NULL OR business_status IS NOT NULL)
    $sql$, range_filter) USING starts[i], starts[i + 1];
    COMMIT;
    RAISE NOTICE 'unfold domain results: batch % of %', i, n;
  END LOOP;
END
$unfold$;
