ALTER TABLE generated_domains
  DROP COLUMN business_status,
  DROP COLUMN http_result,
  DROP COLUMN dns_result;
