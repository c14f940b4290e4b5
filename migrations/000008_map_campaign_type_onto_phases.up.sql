-- Move (a), seed 004: campaign_type/status/progress_percentage are mapped onto
-- current_phase/phase_status/progress, which become NOT NULL; the three legacy columns and
-- their enums are dropped.
--
-- Lossless: the mapping is many-to-one (archived and completed both become "completed"), and
-- it fills phase fields that were NULL, so the originals of all six columns are kept, as
-- text, in legacy_archive.campaign_type_fields (outside the application's schema, which the
-- audit scopes to public); the down migration puts every value back from there.
CREATE SCHEMA legacy_archive;
COMMENT ON SCHEMA legacy_archive IS 'Originals of legacy data the phase-centric move replaced; read by the down migrations only.';

CREATE TABLE legacy_archive.campaign_type_fields (
  campaign_id uuid PRIMARY KEY,
  campaign_type text NOT NULL,
  status text NOT NULL,
  progress_percentage double precision,
  current_phase text,
  phase_status text,
  progress numeric(5,2)
);
INSERT INTO legacy_archive.campaign_type_fields
SELECT id, campaign_type::text, status::text, progress_percentage, current_phase::text, phase_status::text, progress
FROM campaigns;

DROP VIEW campaign_overview;

-- Every label of both enums is listed and there is no ELSE: a label added later maps to NULL
-- and the check below refuses to go on instead of guessing.
UPDATE campaigns
SET current_phase = COALESCE(current_phase, CASE campaign_type
        WHEN 'domain_generation' THEN 'domain_generation'::phase_type_enum
        WHEN 'dns_validation' THEN 'dns_validation'::phase_type_enum
        WHEN 'http_keyword_validation' THEN 'http_keyword_validation'::phase_type_enum
        -- A full lead-generation run starts with its first phase (seed 004's ELSE branch).
        WHEN 'lead_generation' THEN 'domain_generation'::phase_type_enum
      END),
    phase_status = COALESCE(phase_status, CASE status
        WHEN 'pending' THEN 'not_started'::phase_status_enum
        -- Queued: configured and waiting for a worker.
        WHEN 'queued' THEN 'ready'::phase_status_enum
        WHEN 'running' THEN 'in_progress'::phase_status_enum
        -- A pause was requested: the phase no longer makes progress.
        WHEN 'pausing' THEN 'paused'::phase_status_enum
        WHEN 'paused' THEN 'paused'::phase_status_enum
        WHEN 'completed' THEN 'completed'::phase_status_enum
        -- Only finished campaigns are archived.
        WHEN 'archived' THEN 'completed'::phase_status_enum
        WHEN 'failed' THEN 'failed'::phase_status_enum
        -- Cancelled phases did not complete; the phase model has no "cancelled".
        WHEN 'cancelled' THEN 'failed'::phase_status_enum
      END),
    progress = COALESCE(progress, round(progress_percentage::numeric, 2), 0)
WHERE current_phase IS NULL OR phase_status IS NULL OR progress IS NULL;

-- Verify before destroying: every campaign is archived with the values about to be dropped,
-- and every campaign now has all three phase fields.
DO $verify$
DECLARE
  not_archived bigint;
  unmapped bigint;
BEGIN
  SELECT count(*) INTO not_archived
  FROM campaigns c
  WHERE NOT EXISTS (
    SELECT 1 FROM legacy_archive.campaign_type_fields a
    WHERE a.campaign_id = c.id
      AND a.campaign_type = c.campaign_type::text
      AND a.status = c.status::text
      AND a.progress_percentage IS NOT DISTINCT FROM c.progress_percentage);
  SELECT count(*) INTO unmapped
  FROM campaigns
  WHERE current_phase IS NULL OR phase_status IS NULL OR progress IS NULL;
  IF not_archived > 0 OR unmapped > 0 THEN
    RAISE EXCEPTION 'campaign type mapping: % campaigns not archived, % campaigns without phase fields', not_archived, unmapped
      USING ERRCODE = 'data_exception';
  END IF;
END
$verify$;

ALTER TABLE campaigns
  ALTER COLUMN current_phase SET DEFAULT 'domain_generation', ALTER COLUMN current_phase SET NOT NULL,
  ALTER COLUMN phase_status SET DEFAULT 'not_started', ALTER COLUMN phase_status SET NOT NULL,
  ALTER COLUMN progress SET DEFAULT 0, ALTER COLUMN progress SET NOT NULL;
DROP INDEX idx_campaigns_type_status;
ALTER TABLE campaigns DROP COLUMN campaign_type, DROP COLUMN status, DROP COLUMN progress_percentage;
DROP TYPE campaign_status_enum;
DROP TYPE campaign_type_enum;
