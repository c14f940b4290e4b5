-- Move (b), seed 000: the three params tables and the four per-phase tables become the four
-- JSONB phase documents of each campaign:
--   domains_data     = { configuration: domain_generation_campaign_params, execution: domain_generation_phases }
--   dns_results      = { configuration: dns_validation_campaign_params,    execution: dns_validation_phases }
--   http_results     = { configuration: http_keyword_campaign_params,      execution: http_keyword_validation_phases }
--   analysis_results = { configuration: null,                              execution: analysis_phases }
-- configuration is what the phase runs with, execution its run state and aggregate counts;
-- no per-domain lists (those stay in generated_domains). Each object is the row itself
-- (to_jsonb, without campaign_id), so jsonb_populate_record gives the row back exactly: the
-- drop migration checks that, and the down of the drop uses it. One wrinkle: a jsonb column
-- holding JSON null and one holding SQL NULL both come out of to_jsonb as null, so a jsonb
-- column that is SQL NULL is left out of the object (absent key = SQL NULL, null = JSON null).
-- The legacy tables stay until 000014 drops them after verifying.
ALTER TABLE campaigns
  ADD COLUMN domains_data jsonb,
  ADD COLUMN dns_results jsonb,
  ADD COLUMN http_results jsonb,
  ADD COLUMN analysis_results jsonb;

ALTER TABLE campaigns DISABLE TRIGGER trg_campaigns_updated_at;
UPDATE campaigns c
SET domains_data = CASE WHEN dgp.campaign_id IS NULL AND dgph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('configuration', to_jsonb(dgp) - 'campaign_id', 'execution', to_jsonb(dgph) - 'campaign_id') END,
    dns_results = CASE WHEN dvp.campaign_id IS NULL AND dvph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('configuration', to_jsonb(dvp) - 'campaign_id' - array_remove(ARRAY[CASE WHEN dvp.metadata IS NULL THEN 'metadata' END], NULL), 'execution', to_jsonb(dvph) - 'campaign_id') END,
    http_results = CASE WHEN hkp.campaign_id IS NULL AND hkph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('configuration', to_jsonb(hkp) - 'campaign_id' - array_remove(ARRAY[CASE WHEN hkp.metadata IS NULL THEN 'metadata' END], NULL), 'execution', to_jsonb(hkph) - 'campaign_id') END,
    analysis_results = CASE WHEN ap.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('configuration', NULL, 'execution', to_jsonb(ap) - 'campaign_id' - array_remove(ARRAY[CASE WHEN ap.score_histogram IS NULL THEN 'score_histogram' END], NULL)) END
FROM campaigns src
LEFT JOIN domain_generation_campaign_params dgp ON dgp.campaign_id = src.id
LEFT JOIN domain_generation_phases dgph ON dgph.campaign_id = src.id
LEFT JOIN dns_validation_campaign_params dvp ON dvp.campaign_id = src.id
LEFT JOIN dns_validation_phases dvph ON dvph.campaign_id = src.id
LEFT JOIN http_keyword_campaign_params hkp ON hkp.campaign_id = src.id
LEFT JOIN http_keyword_validation_phases hkph ON hkph.campaign_id = src.id
LEFT JOIN analysis_phases ap ON ap.campaign_id = src.id
WHERE src.id = c.id
  AND (dgp.campaign_id IS NOT NULL OR dgph.campaign_id IS NOT NULL OR dvp.campaign_id IS NOT NULL
       OR dvph.campaign_id IS NOT NULL OR hkp.campaign_id IS NOT NULL OR hkph.campaign_id IS NOT NULL
       OR ap.campaign_id IS NOT NULL);
ALTER TABLE campaigns ENABLE TRIGGER trg_campaigns_updated_at;
