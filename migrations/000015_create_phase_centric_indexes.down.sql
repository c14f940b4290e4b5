-- schemaguard:no-transaction
DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_dns_status_legacy;
CREATE INDEX CONCURRENTLY idx_generated_domains_dns_status_legacy ON generated_domains (dns_status);
DROP INDEX CONCURRENTLY IF EXISTS idx_generated_domains_campaign_status;
DROP INDEX CONCURRENTLY IF EXISTS idx_campaign_phases_active_phases;
DROP INDEX CONCURRENTLY IF EXISTS idx_lead_gen_campaigns_phase_data_counts;
