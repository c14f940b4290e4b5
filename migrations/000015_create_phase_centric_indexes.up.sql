-- schemaguard:no-transaction
-- Move (g), seed 000: the indexes the phase-centric queries use, built CONCURRENTLY so that
-- writes to the tables go on during the build (SHARE UPDATE EXCLUSIVE, not SHARE); hence no
-- transaction. Each build is preceded by a drop so that a re-run after a failed build does
-- not keep the invalid index it left. The orphaned legacy index goes the same way.
DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_phase_data_counts;
CREATE INDEX CONCURRENTLY idx_lead_gen_campaigns_phase_data_counts ON lead_generation_campaigns (current_phase, phase_status);

DROP INDEX CONCURRENTLY IF EXISTS idx_campaign_phases_active_phases;
CREATE INDEX CONCURRENTLY idx_campaign_phases_active_phases ON campaign_phases (campaign_id, phase_type) WHERE status IN ('pending', 'running', 'paused');

DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_campaign_status;
CREATE INDEX CONCURRENTLY idx_generated_domains_campaign_status ON generated_domains (campaign_id, business_status);

DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_dns_status_legacy;
