ALTER TABLE campaign_jobs DROP COLUMN business_status, DROP COLUMN last_attempted_at;
ALTER TABLE campaign_jobs RENAME COLUMN processing_server_id TO worker_id;
ALTER TABLE campaign_jobs RENAME COLUMN job_payload TO payload;
ALTER TABLE campaign_jobs RENAME COLUMN job_type TO campaign_type;
CREATE INDEX idx_campaign_jobs_worker_id ON campaign_jobs (worker_id) WHERE worker_id IS NOT NULL;
