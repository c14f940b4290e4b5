-- Legacy history 4/7: one row per generated domain with summary statuses, plus the two
-- per-domain result tables the validators wrote before generated_domains carried the details
-- itself (seed 000, the "000039" idea). One result per domain and kind, keyed by the domain.
CREATE TYPE validation_status_enum AS ENUM ('pending', 'valid', 'invalid', 'error', 'skipped');

CREATE TABLE generated_domains (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  domain_name text NOT NULL,
  offset_index bigint NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  dns_status validation_status_enum NOT NULL DEFAULT 'pending',
  http_status validation_status_enum NOT NULL DEFAULT 'pending',
  validation_attempts integer NOT NULL DEFAULT 0,
  lead_score numeric(5,2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT generated_domains_campaign_id_domain_name_key UNIQUE (campaign_id, domain_name)
);
CREATE INDEX idx_generated_domains_campaign_offset ON generated_domains (campaign_id, offset_index);

-- Seed 002: the code filters on business_status, which these tables never had.
CREATE TABLE dns_validation_results (
  generated_domain_id uuid PRIMARY KEY REFERENCES generated_domains (id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  resolved_ip text,
  dns_records jsonb,
  validated_by_persona_id uuid REFERENCES personas (id) ON DELETE SET NULL,
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_dns_validation_results_campaign_id ON dns_validation_results (campaign_id);

CREATE TABLE http_keyword_results (
  generated_domain_id uuid PRIMARY KEY REFERENCES generated_domains (id) ON DELETE CASCADE,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  http_status_code integer,
  page_title text,
  found_keywords jsonb,
  validated_by_persona_id uuid REFERENCES personas (id) ON DELETE SET NULL,
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_http_keyword_results_campaign_id ON http_keyword_results (campaign_id);
