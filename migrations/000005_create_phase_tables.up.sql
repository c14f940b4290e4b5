-- Legacy history 5/7: per-phase run state and aggregate results, one row per campaign and
-- phase. Seed 000: these duplicate what the JSONB phase documents hold.
CREATE TABLE domain_generation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  processed_items bigint NOT NULL DEFAULT 0,
  total_items bigint NOT NULL DEFAULT 0,
  generated_count bigint NOT NULL DEFAULT 0,
  duplicate_count bigint NOT NULL DEFAULT 0,
  batch_size integer NOT NULL DEFAULT 1000,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_domain_generation_phases_updated_at BEFORE UPDATE ON domain_generation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE dns_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  processed_items bigint NOT NULL DEFAULT 0,
  total_items bigint NOT NULL DEFAULT 0,
  valid_count bigint NOT NULL DEFAULT 0,
  invalid_count bigint NOT NULL DEFAULT 0,
  error_count bigint NOT NULL DEFAULT 0,
  avg_latency_ms double precision,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_dns_validation_phases_updated_at BEFORE UPDATE ON dns_validation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE http_keyword_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  processed_items bigint NOT NULL DEFAULT 0,
  total_items bigint NOT NULL DEFAULT 0,
  success_count bigint NOT NULL DEFAULT 0,
  keyword_hit_count bigint NOT NULL DEFAULT 0,
  error_count bigint NOT NULL DEFAULT 0,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER trg_http_keyword_validation_phases_updated_at BEFORE UPDATE ON http_keyword_validation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE analysis_phases (
  campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  min_lead_score numeric(5,2) NOT NULL DEFAULT 0,
  processed_items bigint NOT NULL DEFAULT 0,
  total_items bigint NOT NULL DEFAULT 0,
  leads_found bigint NOT NULL DEFAULT 0,
  average_lead_score numeric(5,2),
  top_keywords text[],
  score_histogram jsonb,
  started_at timestamptz,
  completed_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT analysis_phases_min_lead_score_check CHECK (min_lead_score >= 0 AND min_lead_score <= 100)
);
CREATE TRIGGER trg_analysis_phases_updated_at BEFORE UPDATE ON analysis_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
