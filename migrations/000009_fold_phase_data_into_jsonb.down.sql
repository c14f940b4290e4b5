-- The legacy tables still hold every row at this level; the documents are only copies.
ALTER TABLE campaigns
  DROP COLUMN analysis_results,
  DROP COLUMN http_results,
  DROP COLUMN dns_results,
  DROP COLUMN domains_data;
