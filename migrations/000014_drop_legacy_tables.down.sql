-- Recreates the legacy tables exactly as 000003-000007 made them (names of constraints and
-- indexes included) and refills them from the documents that replaced them. jsonb_populate_record
-- reads a JSON null as SQL NULL, so jsonb columns whose document holds JSON null (the key is
-- present; SQL NULL leaves it out, see 000009) are set back to JSON null after each load. The big result
-- tables get their foreign keys and secondary indexes after the load: one validating scan
-- instead of a lookup per inserted row.
ALTER TABLE legacy_archive.event_store SET SCHEMA public;
ALTER TABLE legacy_archive.event_projections SET SCHEMA public;

CREATE TABLE domain_generation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  pattern_type text NOT NULL,
  variable_length integer,
  character_set text,
  constant_string text,
  tld text NOT NULL,
  num_domains_to_generate bigint NOT NULL,
  total_possible_combinations bigint NOT NULL,
  current_offset bigint NOT NULL DEFAULT 0,
  CONSTRAINT domain_generation_campaign_params_pattern_type_check CHECK (pattern_type IN ('prefix', 'suffix', 'both'))
);

CREATE TABLE dns_validation_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  source_generation_campaign_id uuid,
  persona_ids uuid[] NOT NULL,
  rotation_interval_seconds integer DEFAULT 0,
  processing_speed_per_minute integer DEFAULT 0,
  batch_size integer DEFAULT 50,
  retry_attempts integer DEFAULT 1,
  metadata jsonb
);

CREATE TABLE http_keyword_campaign_params (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  source_campaign_id uuid,
  source_type text NOT NULL,
  persona_ids uuid[] NOT NULL,
  keyword_set_ids uuid[],
  ad_hoc_keywords text[],
  proxy_ids uuid[],
  proxy_pool_id uuid REFERENCES proxy_pools (id) ON DELETE SET NULL,
  proxy_selection_strategy text,
  rotation_interval_seconds integer DEFAULT 0,
  processing_speed_per_minute integer DEFAULT 0,
  batch_size integer DEFAULT 10,
  retry_attempts integer DEFAULT 1,
  target_http_ports integer[],
  last_processed_domain_name text,
  metadata jsonb,
  CONSTRAINT http_keyword_campaign_params_source_type_check CHECK (source_type IN ('DomainGeneration', 'DNSValidation'))
);

CREATE TABLE domain_generation_phases (
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
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
  campaign_id uuid PRIMARY KEY REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  status phase_status_enum NOT NULL DEFAULT 'not_started',
  lead_count bigint NOT NULL DEFAULT 0,
  top_keywords text[],
  score_histogram jsonb,
  summary text,
  started_at timestamptz,
  completed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO domain_generation_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::domain_generation_campaign_params, (c.domains_data -> 'configuration') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.domains_data -> 'configuration') = 'object';
INSERT INTO domain_generation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::domain_generation_phases, (c.domains_data -> 'execution') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.domains_data -> 'execution') = 'object';
INSERT INTO dns_validation_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::dns_validation_campaign_params, (c.dns_results -> 'configuration') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.dns_results -> 'configuration') = 'object';
UPDATE dns_validation_campaign_params t SET metadata = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.dns_results -> 'configuration' -> 'metadata' = 'null'::jsonb;
INSERT INTO dns_validation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::dns_validation_phases, (c.dns_results -> 'execution') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.dns_results -> 'execution') = 'object';
INSERT INTO http_keyword_campaign_params
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::http_keyword_campaign_params, (c.http_results -> 'configuration') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.http_results -> 'configuration') = 'object';
UPDATE http_keyword_campaign_params t SET metadata = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.http_results -> 'configuration' -> 'metadata' = 'null'::jsonb;
INSERT INTO http_keyword_validation_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::http_keyword_validation_phases, (c.http_results -> 'execution') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.http_results -> 'execution') = 'object';
INSERT INTO analysis_phases
SELECT r.* FROM lead_generation_campaigns c
CROSS JOIN LATERAL jsonb_populate_record(NULL::analysis_phases, (c.analysis_results -> 'execution') || jsonb_build_object('campaign_id', c.id)) r
WHERE jsonb_typeof(c.analysis_results -> 'execution') = 'object';
UPDATE analysis_phases t SET score_histogram = 'null'::jsonb FROM lead_generation_campaigns c
WHERE c.id = t.campaign_id AND c.analysis_results -> 'execution' -> 'score_histogram' = 'null'::jsonb;

CREATE TABLE dns_validation_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,
  generated_domain_id uuid NOT NULL,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  dns_records jsonb,
  validated_by_persona_id uuid,
  attempts integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dns_validation_results_generated_domain_id_key UNIQUE (generated_domain_id)
);
INSERT INTO dns_validation_results
SELECT r.* FROM generated_domains gd
CROSS JOIN LATERAL jsonb_populate_record(NULL::dns_validation_results, gd.dns_result || jsonb_build_object('generated_domain_id', gd.id)) r
WHERE jsonb_typeof(gd.dns_result) = 'object';
UPDATE dns_validation_results t SET dns_records = 'null'::jsonb FROM generated_domains gd
WHERE gd.id = t.generated_domain_id AND gd.dns_result -> 'dns_records' = 'null'::jsonb;
ALTER TABLE dns_validation_results
  ADD CONSTRAINT dns_validation_results_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  ADD CONSTRAINT dns_validation_results_generated_domain_id_fkey FOREIGN KEY (generated_domain_id) REFERENCES generated_domains (id) ON DELETE CASCADE,
  ADD CONSTRAINT dns_validation_results_validated_by_persona_id_fkey FOREIGN KEY (validated_by_persona_id) REFERENCES personas (id) ON DELETE SET NULL;
CREATE INDEX idx_dns_validation_results_campaign_id ON dns_validation_results (campaign_id);

CREATE TABLE http_keyword_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL,
  generated_domain_id uuid NOT NULL,
  dns_result_id uuid,
  domain_name text NOT NULL,
  validation_status validation_status_enum NOT NULL,
  http_status_code integer,
  response_headers jsonb,
  page_title text,
  extracted_content_snippet text,
  found_keywords_from_sets jsonb,
  found_ad_hoc_keywords text[],
  content_hash text,
  validated_by_persona_id uuid,
  used_proxy_id uuid,
  attempts integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT http_keyword_results_generated_domain_id_key UNIQUE (generated_domain_id)
);
INSERT INTO http_keyword_results
SELECT r.* FROM generated_domains gd
CROSS JOIN LATERAL jsonb_populate_record(NULL::http_keyword_results, gd.http_result || jsonb_build_object('generated_domain_id', gd.id)) r
WHERE jsonb_typeof(gd.http_result) = 'object';
UPDATE http_keyword_results t
SET response_headers = CASE WHEN gd.http_result -> 'response_headers' = 'null'::jsonb THEN 'null'::jsonb ELSE t.response_headers END,
    found_keywords_from_sets = CASE WHEN gd.http_result -> 'found_keywords_from_sets' = 'null'::jsonb THEN 'null'::jsonb ELSE t.found_keywords_from_sets END
FROM generated_domains gd
WHERE gd.id = t.generated_domain_id
  AND (gd.http_result -> 'response_headers' = 'null'::jsonb OR gd.http_result -> 'found_keywords_from_sets' = 'null'::jsonb);
ALTER TABLE http_keyword_results
  ADD CONSTRAINT http_keyword_results_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES lead_generation_campaigns (id) ON DELETE CASCADE,
  ADD CONSTRAINT http_keyword_results_generated_domain_id_fkey FOREIGN KEY (generated_domain_id) REFERENCES generated_domains (id) ON DELETE CASCADE,
  ADD CONSTRAINT http_keyword_results_dns_result_id_fkey FOREIGN KEY (dns_result_id) REFERENCES dns_validation_results (id) ON DELETE SET NULL,
  ADD CONSTRAINT http_keyword_results_validated_by_persona_id_fkey FOREIGN KEY (validated_by_persona_id) REFERENCES personas (id) ON DELETE SET NULL,
  ADD CONSTRAINT http_keyword_results_used_proxy_id_fkey FOREIGN KEY (used_proxy_id) REFERENCES proxies (id) ON DELETE SET NULL;
CREATE INDEX idx_http_keyword_results_campaign_id ON http_keyword_results (campaign_id);

CREATE VIEW domain_validation_overview AS
SELECT gd.campaign_id,
       gd.domain_name,
       d.validation_status AS dns_validation_status,
       h.validation_status AS http_validation_status,
       h.http_status_code,
       h.found_ad_hoc_keywords
FROM generated_domains gd
LEFT JOIN dns_validation_results d ON d.generated_domain_id = gd.id
LEFT JOIN http_keyword_results h ON h.generated_domain_id = gd.id;
