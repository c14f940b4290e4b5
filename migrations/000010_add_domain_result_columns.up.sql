-- Move (c), step 1: the columns generated_domains needs to carry its own DNS and HTTP results
-- (what dns_validation_results and http_keyword_results held) and business_status (seed 002).
-- All nullable without a default: a catalog-only change, so the ACCESS EXCLUSIVE lock lasts
-- milliseconds. The foreign keys are added NOT VALID (no scan under that lock) and validated
-- by 000015 outside any transaction, where validation only takes SHARE UPDATE EXCLUSIVE.
-- The fold (000011) fills the columns in batches.
ALTER TABLE generated_domains
  ADD COLUMN dns_ip text,
  ADD COLUMN dns_records jsonb,
  ADD COLUMN dns_persona_id uuid,
  ADD COLUMN dns_checked_at timestamptz,
  ADD COLUMN http_status_code integer,
  ADD COLUMN http_title text,
  ADD COLUMN http_keywords jsonb,
  ADD COLUMN http_persona_id uuid,
  ADD COLUMN http_checked_at timestamptz,
  ADD COLUMN business_status varchar(50),
  ADD CONSTRAINT generated_domains_dns_persona_id_fkey FOREIGN KEY (dns_persona_id) REFERENCES personas (id) ON DELETE SET NULL NOT VALID,
  ADD CONSTRAINT generated_domains_http_persona_id_fkey FOREIGN KEY (http_persona_id) REFERENCES personas (id) ON DELETE SET NULL NOT VALID;

-- generated_domains.dns_status/http_status (legacy summaries) and the result tables'
-- validation_status can disagree; the fold keeps the result's. Where they disagree the
-- summary's original value is kept here, for the down migrations.
CREATE TABLE legacy_archive.generated_domain_statuses (
  generated_domain_id uuid PRIMARY KEY,
  dns_status text NOT NULL,
  http_status text NOT NULL
);
