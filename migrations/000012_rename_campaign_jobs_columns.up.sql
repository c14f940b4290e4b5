-- Move (d), seed 002: campaign_jobs gets the column names the job store's queries use, and
-- the two columns it lacks. Renames are catalog-only; the new columns are nullable, so no
-- rewrite. The partial index on worker_id served a polling query that no longer exists.
ALTER TABLE campaign_jobs RENAME COLUMN campaign_type TO job_type;
ALTER TABLE campaign_jobs RENAME COLUMN payload TO job_payload;
ALTER TABLE campaign_jobs RENAME COLUMN worker_id TO processing_server_id;
ALTER TABLE campaign_jobs ADD COLUMN last_attempted_at timestamptz, ADD COLUMN business_status varchar(50);
DROP INDEX idx_campaign_jobs_worker_id;
