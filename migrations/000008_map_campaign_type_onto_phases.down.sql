-- Puts campaign_type/status/progress_percentage back, and the phase fields as they were
-- before the mapping, from legacy_archive.campaign_type_fields.
CREATE TYPE campaign_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation', 'lead_generation');
CREATE TYPE campaign_status_enum AS ENUM ('pending', 'queued', 'running', 'pausing', 'paused', 'completed', 'failed', 'archived', 'cancelled');

-- Added at the end, where they were: the restored table has the same column order.
ALTER TABLE campaigns
  ADD COLUMN campaign_type campaign_type_enum,
  ADD COLUMN status campaign_status_enum DEFAULT 'pending',
  ADD COLUMN progress_percentage double precision DEFAULT 0,
  ALTER COLUMN current_phase DROP NOT NULL, ALTER COLUMN current_phase DROP DEFAULT,
  ALTER COLUMN phase_status DROP NOT NULL, ALTER COLUMN phase_status DROP DEFAULT,
  ALTER COLUMN progress DROP NOT NULL, ALTER COLUMN progress DROP DEFAULT;

UPDATE campaigns c
SET campaign_type = a.campaign_type::campaign_type_enum,
    status = a.status::campaign_status_enum,
    progress_percentage = a.progress_percentage,
    current_phase = a.current_phase::phase_type_enum,
    phase_status = a.phase_status::phase_status_enum,
    progress = a.progress
FROM legacy_archive.campaign_type_fields a
WHERE a.campaign_id = c.id;
-- Campaigns created after the move have no archived originals: derive them from the phase
-- fields (the inverse of the mapping, choosing the canonical label).
UPDATE campaigns
SET campaign_type = CASE current_phase
        WHEN 'domain_generation' THEN 'domain_generation'::campaign_type_enum
        WHEN 'dns_validation' THEN 'dns_validation'::campaign_type_enum
        WHEN 'http_keyword_validation' THEN 'http_keyword_validation'::campaign_type_enum
        WHEN 'analysis' THEN 'lead_generation'::campaign_type_enum
      END,
    status = CASE phase_status
        WHEN 'not_started' THEN 'pending'::campaign_status_enum
        WHEN 'ready' THEN 'queued'::campaign_status_enum
        WHEN 'configured' THEN 'pending'::campaign_status_enum
        WHEN 'in_progress' THEN 'running'::campaign_status_enum
        WHEN 'paused' THEN 'paused'::campaign_status_enum
        WHEN 'completed' THEN 'completed'::campaign_status_enum
        WHEN 'failed' THEN 'failed'::campaign_status_enum
      END,
    progress_percentage = progress
WHERE campaign_type IS NULL;

ALTER TABLE campaigns
  ALTER COLUMN campaign_type SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  ADD CONSTRAINT campaigns_progress_percentage_check CHECK (progress_percentage >= 0 AND progress_percentage <= 100);
CREATE INDEX idx_campaigns_type_status ON campaigns (campaign_type, status);

CREATE VIEW campaign_overview AS
SELECT c.id,
       c.name,
       c.campaign_type,
       c.status,
       c.progress_percentage,
       c.current_phase,
       c.phase_status,
       u.email AS owner_email,
       (SELECT count(*) FROM generated_domains gd WHERE gd.campaign_id = c.id) AS domain_count
FROM campaigns c
LEFT JOIN users u ON u.id = c.user_id;

DROP TABLE legacy_archive.campaign_type_fields;
DROP SCHEMA legacy_archive;
