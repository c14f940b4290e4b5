-- Move (d), seed 002: campaign_jobs gets the column names the job store's queries use.
-- Renames are catalog-only; the two new columns are nullable, so no table rewrite.
ALTER TABLE campaign_jobs RENAME COLUMN campaign_type TO job_type;
ALTER TABLE campaign_jobs RENAME COLUMN payload TO job_payload;
ALTER TABLE campaign_jobs RENAME COLUMN worker_id TO processing_server_id;
ALTER TABLE campaign_jobs ADD COLUMN business_status text, ADD COLUMN last_attempted_at timestamptz;
ALTER INDEX idx_campaign_jobs_campaign_type RENAME TO idx_campaign_jobs_job_type;
ALTER INDEX idx_campaign_jobs_worker_id RENAME TO idx_campaign_jobs_processing_server_id;
