-- Legacy history 3/7: campaigns in the "dual architecture": a campaign has a type, a status
-- and a progress_percentage (the original API) and also current_phase, phase_status and
-- progress (the phase model added beside it). Seed 004 maps the former onto the latter.
CREATE TYPE campaign_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation', 'lead_generation');
CREATE TYPE campaign_status_enum AS ENUM ('pending', 'queued', 'running', 'pausing', 'paused', 'completed', 'failed', 'archived', 'cancelled');
CREATE TYPE phase_type_enum AS ENUM ('domain_generation', 'dns_validation', 'http_keyword_validation', 'analysis');
CREATE TYPE phase_status_enum AS ENUM ('not_started', 'ready', 'configured', 'in_progress', 'paused', 'completed', 'failed');

-- The type/status columns sit last: the phase move drops them and its down adds them back at
-- the end, so the restored table has its columns in the same order.
CREATE TABLE campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  current_phase phase_type_enum,
  phase_status phase_status_enum,
  progress numeric(5,2),
  error_message text,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  campaign_type campaign_type_enum NOT NULL,
  status campaign_status_enum NOT NULL DEFAULT 'pending',
  progress_percentage double precision DEFAULT 0,
  CONSTRAINT campaigns_progress_check CHECK (progress >= 0 AND progress <= 100),
  CONSTRAINT campaigns_progress_percentage_check CHECK (progress_percentage >= 0 AND progress_percentage <= 100)
);
CREATE INDEX idx_campaigns_user_id ON campaigns (user_id);
CREATE INDEX idx_campaigns_type_status ON campaigns (campaign_type, status);

CREATE TABLE campaign_phases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  phase_type phase_type_enum NOT NULL,
  phase_order smallint NOT NULL,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  progress numeric(5,2) NOT NULL DEFAULT 0,
  started_at timestamptz,
  completed_at timestamptz,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT campaign_phases_campaign_id_phase_type_key UNIQUE (campaign_id, phase_type)
);

-- Seed 002: the code selects created_at and updated_at from this table; they were never added.
CREATE TABLE domain_generation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  pattern_type text NOT NULL,
  variable_length integer NOT NULL,
  character_set text NOT NULL,
  constant_string text NOT NULL DEFAULT '',
  tld text NOT NULL,
  num_domains_to_generate bigint NOT NULL,
  total_possible_combinations bigint NOT NULL,
  current_offset bigint NOT NULL DEFAULT 0,
  CONSTRAINT domain_generation_campaign_params_pattern_type_check CHECK (pattern_type IN ('prefix', 'suffix', 'both'))
);

CREATE TABLE dns_validation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  source_generation_campaign_id uuid,
  persona_ids uuid[] NOT NULL,
  proxy_pool_id uuid REFERENCES proxy_pools (id) ON DELETE SET NULL,
  rotation_interval_seconds integer,
  processing_speed_per_minute integer,
  batch_size integer NOT NULL DEFAULT 50,
  retry_attempts integer NOT NULL DEFAULT 1,
  metadata jsonb
);

CREATE TABLE http_keyword_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  source_campaign_id uuid,
  source_type text NOT NULL,
  persona_ids uuid[] NOT NULL,
  keyword_set_ids uuid[] NOT NULL DEFAULT '{}',
  ad_hoc_keywords text[] NOT NULL DEFAULT '{}',
  proxy_ids uuid[],
  proxy_pool_id uuid REFERENCES proxy_pools (id) ON DELETE SET NULL,
  proxy_selection_strategy text,
  rotation_interval_seconds integer,
  processing_speed_per_minute integer,
  batch_size integer NOT NULL DEFAULT 10,
  retry_attempts integer NOT NULL DEFAULT 1,
  target_http_ports integer[],
  last_processed_domain_name text,
  metadata jsonb,
  CONSTRAINT http_keyword_campaign_params_source_type_check CHECK (source_type IN ('DomainGeneration', 'DNSValidation'))
);
