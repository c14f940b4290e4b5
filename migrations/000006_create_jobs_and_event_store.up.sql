-- Legacy history 6/7: the job queue (seed 002: its columns are named campaign_type, payload
-- and worker_id where the code expects job_type, job_payload and processing_server_id, and it
-- lacks business_status and last_attempted_at) and an event store nothing reads any more
-- (seed 000).
CREATE TYPE job_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation', 'analysis');
CREATE TYPE job_status_enum AS ENUM ('pending', 'queued', 'running', 'completed', 'failed', 'retry');

CREATE TABLE campaign_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  campaign_type job_type_enum NOT NULL,
  status job_status_enum NOT NULL DEFAULT 'pending',
  payload jsonb,
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 3,
  last_error text,
  worker_id text,
  scheduled_at timestamptz NOT NULL DEFAULT now(),
  next_execution_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_campaign_jobs_campaign_id ON campaign_jobs (campaign_id);
CREATE INDEX idx_campaign_jobs_status_scheduled ON campaign_jobs (status, scheduled_at);
CREATE INDEX idx_campaign_jobs_worker_id ON campaign_jobs (worker_id) WHERE worker_id IS NOT NULL;

CREATE TABLE event_store (
  event_id bigserial PRIMARY KEY,
  aggregate_id uuid NOT NULL,
  aggregate_type text NOT NULL,
  event_type text NOT NULL,
  event_data jsonb NOT NULL,
  metadata jsonb,
  event_version integer NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT event_store_aggregate_id_event_version_key UNIQUE (aggregate_id, event_version)
);

CREATE TABLE event_projections (
  projection_name text PRIMARY KEY,
  last_event_id bigint,
  state jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
