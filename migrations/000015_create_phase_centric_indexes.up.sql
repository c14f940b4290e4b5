-- schemaguard:no-transaction
-- Move (g), seed 000: the indexes the phase-centric queries use, built CONCURRENTLY so that
-- writes go on during the build (SHARE UPDATE EXCLUSIVE instead of SHARE); hence no
-- transaction. Each build is preceded by a drop so that a re-run after a failed build does
-- not keep the invalid index it left behind. The orphaned legacy index goes the same way, and
-- the foreign keys 000010 added NOT VALID are validated here, where validation does not block
-- writes either. The IF EXISTS drops would print a notice each on a first run: muted.
SET client_min_messages = warning;
ALTER TABLE generated_domains VALIDATE CONSTRAINT generated_domains_dns_persona_id_fkey;
ALTER TABLE generated_domains VALIDATE CONSTRAINT generated_domains_http_persona_id_fkey;

DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_current_phase;
CREATE INDEX CONCURRENTLY idx_lead_gen_campaigns_current_phase ON lead_generation_campaigns (current_phase, phase_status);

DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_phase_data_counts;
CREATE INDEX CONCURRENTLY idx_lead_gen_campaigns_phase_data_counts ON lead_generation_campaigns
  USING gin (domains_data, dns_results, http_results, analysis_results);

DROP INDEX CONCURRENTLY IF EXISTS idx_campaign_phases_active_phases;
CREATE INDEX CONCURRENTLY idx_campaign_phases_active_phases ON campaign_phases (campaign_id, phase_type) WHERE status = 'in_progress';

DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_campaign_status;
CREATE INDEX CONCURRENTLY idx_generated_domains_campaign_status ON generated_domains (campaign_id, dns_status, http_status);

DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_dns_status_legacy;
RESET client_min_messages;
