-- Move (e), seed 000: campaigns → lead_generation_campaigns, with the names of its own
-- constraints, indexes and trigger following. Foreign keys of other tables point at the table
-- by oid and follow by themselves.
ALTER TABLE campaigns RENAME TO lead_generation_campaigns;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_pkey TO lead_generation_campaigns_pkey;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_user_id_fkey TO lead_generation_campaigns_user_id_fkey;
ALTER TABLE lead_generation_campaigns RENAME CONSTRAINT campaigns_progress_check TO lead_generation_campaigns_progress_check;
ALTER INDEX idx_campaigns_user_id RENAME TO idx_lead_generation_campaigns_user_id;
ALTER INDEX idx_campaigns_created_at RENAME TO idx_lead_generation_campaigns_created_at;
ALTER TRIGGER trg_campaigns_updated_at ON lead_generation_campaigns RENAME TO trg_lead_generation_campaigns_updated_at;
