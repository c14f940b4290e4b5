ALTER INDEX idx_campaign_jobs_processing_server_id RENAME TO idx_campaign_jobs_worker_id;
ALTER INDEX idx_campaign_jobs_job_type RENAME TO idx_campaign_jobs_campaign_type;
ALTER TABLE campaign_jobs DROP COLUMN last_attempted_at, DROP COLUMN business_status;
ALTER TABLE campaign_jobs RENAME COLUMN processing_server_id TO worker_id;
ALTER TABLE campaign_jobs RENAME COLUMN job_payload TO payload;
ALTER TABLE campaign_jobs RENAME COLUMN job_type TO campaign_type;
