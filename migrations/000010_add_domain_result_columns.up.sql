-- Move (c), step 1: the columns generated_domains needs to carry its own DNS and HTTP
-- results, and business_status (seed 002). Nullable without a default: a catalog-only change,
-- so the ACCESS EXCLUSIVE lock lasts milliseconds. Filled by 000011 in batches.
ALTER TABLE generated_domains
  ADD COLUMN dns_result jsonb,
  ADD COLUMN http_result jsonb,
  ADD COLUMN business_status text;
