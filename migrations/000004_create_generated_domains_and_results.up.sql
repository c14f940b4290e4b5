-- Legacy history 4/7: one row per generated domain, plus the two per-domain result tables the
-- validators wrote before generated_domains carried the results itself (seed 000, 000039).
CREATE TYPE validation_status_enum AS ENUM ('pending', 'valid', 'invalid', 'error', 'skipped');

CREATE TABLE generated_domains (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  domain_name text NOT NULL,
  offset_index bigint NOT NULL,
  source_keyword text,
  tld text,
  dns_status validation_status_enum,
  dns_ip inet,
  http_status validation_status_enum,
  http_status_code integer,
  lead_score numeric(5,2),
  last_validated_at timestamptz,
  generated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT generated_domains_campaign_id_domain_name_key UNIQUE (campaign_id, domain_name)
);
CREATE INDEX idx_generated_domains_campaign_offset ON generated_domains (campaign_id, offset_index);

-- Seed 002: the code filters on business_status, which this table never had.
CREATE TABLE dns_validation_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  generated_domain_id uuid NOT NULL REFERENCES generated_domains (id) ON DELETE CASCADE,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  dns_records jsonb,
  validated_by_persona_id uuid REFERENCES personas (id) ON DELETE SET NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dns_validation_results_generated_domain_id_key UNIQUE (generated_domain_id)
);
CREATE INDEX idx_dns_validation_results_campaign_id ON dns_validation_results (campaign_id);

CREATE TABLE http_keyword_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  generated_domain_id uuid NOT NULL REFERENCES generated_domains (id) ON DELETE CASCADE,
  dns_result_id uuid REFERENCES dns_validation_results (id) ON DELETE SET NULL,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  http_status_code integer,
  response_headers jsonb,
  page_title text,
  extracted_content_snippet text,
  found_keywords_from_sets jsonb,
  found_ad_hoc_keywords text[],
  content_hash text,
  validated_by_persona_id uuid REFERENCES personas (id) ON DELETE SET NULL,
  used_proxy_id uuid REFERENCES proxies (id) ON DELETE SET NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT http_keyword_results_generated_domain_id_key UNIQUE (generated_domain_id)
);
CREATE INDEX idx_http_keyword_results_campaign_id ON http_keyword_results (campaign_id);
