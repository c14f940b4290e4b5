-- Recreates the legacy tables exactly as 000001-000007 made them (names of constraints,
-- indexes and triggers included) and refills them from what replaced them:
-- params and per-phase rows from the phase documents (jsonb_populate_record, see 000009; it
-- reads JSON null as SQL NULL, so jsonb columns whose document holds JSON null are set back
-- afterwards), result rows from generated_domains' columns (see 000011). The result tables get
-- their foreign keys and secondary index after the load: one validating scan instead of a
-- lookup per inserted row.
ALTER TABLE legacy_archive.event_store SET SCHEMA public;
ALTER TABLE legacy_archive.event_projections SET SCHEMA public;

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TABLE domain_generation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO domain_generation_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::domain_generation_campaign_params, (c.domains_data -> 'config') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.domains_data -> 'config') = 'object';

CREATE TABLE dns_validation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  source_generation_campaign_id uuid,
  persona_ids uuid[] NOT NULL,
  proxy_pool_id uuid REFERENCES proxy_pools (id) ON DELETE SET NULL,
  rotation_interval_seconds integer,
  processing_speed_per_minute integer,
  batch_size integer NOT NULL DEFAULT 50,
  retry_attempts integer NOT NULL DEFAULT 1,
  metadata jsonb
);
INSERT INTO dns_validation_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::dns_validation_campaign_params, (c.dns_results -> 'config') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.dns_results -> 'config') = 'object';
UPDATE dns_validation_campaign_params t SET metadata = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.dns_results -> 'config' -> 'metadata' = 'null'::jsonb;

CREATE TABLE http_keyword_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO http_keyword_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::http_keyword_campaign_params, (c.http_results -> 'config') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.http_results -> 'config') = 'object';
UPDATE http_keyword_campaign_params t SET metadata = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.http_results -> 'config' -> 'metadata' = 'null'::jsonb;

CREATE TABLE domain_generation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO domain_generation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::domain_generation_phases,
  (c.domains_data -> 'state') || (c.domains_data -> 'results') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.domains_data -> 'state') = 'object';
CREATE TRIGGER trg_domain_generation_phases_updated_at BEFORE UPDATE ON domain_generation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE dns_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO dns_validation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::dns_validation_phases,
  (c.dns_results -> 'state') || (c.dns_results -> 'results') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.dns_results -> 'state') = 'object';
CREATE TRIGGER trg_dns_validation_phases_updated_at BEFORE UPDATE ON dns_validation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE http_keyword_validation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO http_keyword_validation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::http_keyword_validation_phases,
  (c.http_results -> 'state') || (c.http_results -> 'results') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.http_results -> 'state') = 'object';
CREATE TRIGGER trg_http_keyword_validation_phases_updated_at BEFORE UPDATE ON http_keyword_validation_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE analysis_phases (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
INSERT INTO analysis_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::analysis_phases,
  (c.analysis_results -> 'config') || (c.analysis_results -> 'state') || (c.analysis_results -> 'results') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.analysis_results -> 'state') = 'object';
UPDATE analysis_phases t SET score_histogram = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.analysis_results -> 'results' -> 'score_histogram' = 'null'::jsonb;
CREATE TRIGGER trg_analysis_phases_updated_at BEFORE UPDATE ON analysis_phases
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE dns_validation_results (
  generated_domain_id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  resolved_ip text,
  dns_records jsonb,
  validated_by_persona_id uuid,
  checked_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO dns_validation_results
SELECT id, campaign_id, domain_name, dns_status, dns_ip, dns_records, dns_persona_id, dns_checked_at
FROM generated_domains
WHERE dns_checked_at IS NOT NULL;
ALTER TABLE dns_validation_results
  ADD CONSTRAINT dns_validation_results_generated_domain_id_fkey FOREIGN KEY (generated_domain_id) REFERENCES generated_domains (id) ON DELETE CASCADE,
  ADD CONSTRAINT dns_validation_results_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  ADD CONSTRAINT dns_validation_results_validated_by_persona_id_fkey FOREIGN KEY (validated_by_persona_id) REFERENCES personas (id) ON DELETE SET NULL;
CREATE INDEX idx_dns_validation_results_campaign_id ON dns_validation_results (campaign_id);

CREATE TABLE http_keyword_results (
  generated_domain_id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  http_status_code integer,
  page_title text,
  found_keywords jsonb,
  validated_by_persona_id uuid,
  checked_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO http_keyword_results
SELECT id, campaign_id, domain_name, http_status, http_status_code, http_title, http_keywords, http_persona_id, http_checked_at
FROM generated_domains
WHERE http_checked_at IS NOT NULL;
ALTER TABLE http_keyword_results
  ADD CONSTRAINT http_keyword_results_generated_domain_id_fkey FOREIGN KEY (generated_domain_id) REFERENCES generated_domains (id) ON DELETE CASCADE,
  ADD CONSTRAINT http_keyword_results_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  ADD CONSTRAINT http_keyword_results_validated_by_persona_id_fkey FOREIGN KEY (validated_by_persona_id) REFERENCES personas (id) ON DELETE SET NULL;
CREATE INDEX idx_http_keyword_results_campaign_id ON http_keyword_results (campaign_id);

CREATE VIEW domain_validation_overview AS
SELECT gd.campaign_id,
       gd.domain_name,
       d.validation_status AS dns_validation_status,
       d.resolved_ip,
       h.validation_status AS http_validation_status,
       h.http_status_code,
       h.found_keywords
FROM generated_domains gd
LEFT JOIN dns_validation_results d ON d.generated_domain_id = gd.id
LEFT JOIN http_keyword_results h ON h.generated_domain_id = gd.id;
