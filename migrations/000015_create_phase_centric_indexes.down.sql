-- schemaguard:no-transaction
SET client_min_messages = warning;
DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_dns_status_legacy;
CREATE INDEX CONCURRENTLY idx_generated_domains_dns_status_legacy ON generated_domains (dns_status);
DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_campaign_status;
DROP INDEX CONCURRENTLY IF EXISTS idx_campaign_phases_active_phases;
DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_phase_data_counts;
DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_current_phase;
-- 000010's foreign keys were NOT VALID at this level: re-added as such (no scan, brief lock).
ALTER TABLE generated_domains
  DROP CONSTRAINT generated_domains_dns_persona_id_fkey,
  DROP CONSTRAINT generated_domains_http_persona_id_fkey,
  ADD CONSTRAINT generated_domains_dns_persona_id_fkey FOREIGN KEY (dns_persona_id) REFERENCES personas (id) ON DELETE SET NULL NOT VALID,
  ADD CONSTRAINT generated_domains_http_persona_id_fkey FOREIGN KEY (http_persona_id) REFERENCES personas (id) ON DELETE SET NULL NOT VALID;
RESET client_min_messages;
