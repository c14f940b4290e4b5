-- Legacy history 5/7: per-phase run state, one row per campaign and phase. Seed 000: these
-- duplicate what the JSONB phase documents hold.
CREATE TABLE domain_generation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  generated_count bigint NOT NULL DEFAULT 0,
  target_count bigint,
  current_offset bigint NOT NULL DEFAULT 0,
  batch_size integer NOT NULL DEFAULT 1000,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dns_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  checked_count bigint NOT NULL DEFAULT 0,
  valid_count bigint NOT NULL DEFAULT 0,
  invalid_count bigint NOT NULL DEFAULT 0,
  error_count bigint NOT NULL DEFAULT 0,
  avg_latency_ms double precision,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE http_keyword_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  checked_count bigint NOT NULL DEFAULT 0,
  reachable_count bigint NOT NULL DEFAULT 0,
  keyword_hit_count bigint NOT NULL DEFAULT 0,
  error_count bigint NOT NULL DEFAULT 0,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE analysis_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  lead_count bigint NOT NULL DEFAULT 0,
  top_keywords text[],
  score_histogram jsonb,
  summary text,
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
