-- Move (e), seed 000: campaigns → lead_generation_campaigns, with the names of its own
-- constraints and index following. Foreign keys of other tables point at the table by oid
-- and follow by themselves.
ALTER TABLE campaigns RENAME TO lead_generation_campaigns;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_pkey TO lead_generation_campaigns_pkey;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_user_id_fkey TO lead_generation_campaigns_user_id_fkey;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_progress_check TO lead_generation_campaigns_progress_check;
ALTER INDEX idx_campaigns_user_id RENAME TO idx_lead_gen_campaigns_user_id;
COMMENT ON TABLE lead_generation_campaigns IS 'Lead generation campaigns: one row per campaign, phase data in four JSONB columns';
