-- Move (b), seed 000: the three params tables and the four per-phase tables become the four
-- JSONB phase documents of each campaign, in the shape schemas/phase-data.ts declares:
--   { config:  what the phase runs with   (the *_campaign_params row; analysis: min_lead_score),
--     state:   where the phase stands     (status, processed/total items, times, last error),
--     results: its aggregate results      (counts, averages) }
-- No per-domain lists: those stay in generated_domains.
--
-- Lossless by construction: every column of every legacy row lands under its own name in
-- config, state or results, so jsonb_populate_record gives the row back exactly (000014
-- checks that before dropping anything, and its down uses it). One wrinkle: JSON null and
-- SQL NULL in a jsonb column both come out of to_jsonb as null, so a jsonb column that is SQL
-- NULL is left out of its document (absent key = SQL NULL, null = JSON null).
-- The legacy tables stay until 000014.
--
-- Locks: ADD COLUMN takes an ACCESS EXCLUSIVE lock on campaigns that this file's transaction
-- holds until it commits. The documents are therefore built first, into a temporary table,
-- while campaigns and the legacy tables are only read (ACCESS SHARE: the application goes on
-- reading and writing); the columns are then added and filled by a key join from it, so the
-- exclusive lock covers one pass over the campaigns, not the seven-table build.
CREATE TEMPORARY TABLE phase_documents ON COMMIT DROP AS
SELECT src.id,
  CASE WHEN dgp.campaign_id IS NULL AND dgph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('config', to_jsonb(dgp) - 'campaign_id')
      || CASE WHEN dgph.campaign_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
           'state', jsonb_build_object('status', dgph.status, 'processed_items', dgph.processed_items, 'total_items', dgph.total_items,
                                       'started_at', dgph.started_at, 'completed_at', dgph.completed_at,
                                       'last_error', dgph.last_error, 'updated_at', dgph.updated_at),
           'results', jsonb_build_object('generated_count', dgph.generated_count, 'duplicate_count', dgph.duplicate_count,
                                         'batch_size', dgph.batch_size)) END
    END AS domains_data,
  CASE WHEN dvp.campaign_id IS NULL AND dvph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('config', to_jsonb(dvp) - 'campaign_id' - array_remove(ARRAY[CASE WHEN dvp.metadata IS NULL THEN 'metadata' END], NULL))
      || CASE WHEN dvph.campaign_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
           'state', jsonb_build_object('status', dvph.status, 'processed_items', dvph.processed_items, 'total_items', dvph.total_items,
                                       'started_at', dvph.started_at, 'completed_at', dvph.completed_at,
                                       'last_error', dvph.last_error, 'updated_at', dvph.updated_at),
           'results', jsonb_build_object('valid_count', dvph.valid_count, 'invalid_count', dvph.invalid_count,
                                         'error_count', dvph.error_count, 'avg_latency_ms', dvph.avg_latency_ms)) END
    END AS dns_results,
  CASE WHEN hkp.campaign_id IS NULL AND hkph.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object('config', to_jsonb(hkp) - 'campaign_id' - array_remove(ARRAY[CASE WHEN hkp.metadata IS NULL THEN 'metadata' END], NULL))
      || CASE WHEN hkph.campaign_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(
           'state', jsonb_build_object('status', hkph.status, 'processed_items', hkph.processed_items, 'total_items', hkph.total_items,
                                       'started_at', hkph.started_at, 'completed_at', hkph.completed_at,
                                       'last_error', hkph.last_error, 'updated_at', hkph.updated_at),
           'results', jsonb_build_object('success_count', hkph.success_count, 'keyword_hit_count', hkph.keyword_hit_count,
                                         'error_count', hkph.error_count)) END
    END AS http_results,
  CASE WHEN ap.campaign_id IS NULL THEN NULL ELSE
      jsonb_build_object(
        'config', jsonb_build_object('min_lead_score', ap.min_lead_score),
        'state', jsonb_build_object('status', ap.status, 'processed_items', ap.processed_items, 'total_items', ap.total_items,
                                    'started_at', ap.started_at, 'completed_at', ap.completed_at,
                                    'last_error', ap.last_error, 'updated_at', ap.updated_at),
        'results', jsonb_build_object('leads_found', ap.leads_found, 'average_lead_score', ap.average_lead_score, 'top_keywords', ap.top_keywords)
                   || CASE WHEN ap.score_histogram IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('score_histogram', ap.score_histogram) END)
    END AS analysis_results
FROM campaigns src
LEFT JOIN domain_generation_campaign_params dgp ON dgp.campaign_id = src.id
LEFT JOIN domain_generation_phases dgph ON dgph.campaign_id = src.id
LEFT JOIN dns_validation_campaign_params dvp ON dvp.campaign_id = src.id
LEFT JOIN dns_validation_phases dvph ON dvph.campaign_id = src.id
LEFT JOIN http_keyword_campaign_params hkp ON hkp.campaign_id = src.id
LEFT JOIN http_keyword_validation_phases hkph ON hkph.campaign_id = src.id
LEFT JOIN analysis_phases ap ON ap.campaign_id = src.id
WHERE (dgp.campaign_id IS NOT NULL OR dgph.campaign_id IS NOT NULL OR dvp.campaign_id IS NOT NULL
       OR dvph.campaign_id IS NOT NULL OR hkp.campaign_id IS NOT NULL OR hkph.campaign_id IS NOT NULL
       OR ap.campaign_id IS NOT NULL);

ALTER TABLE campaigns
  ADD COLUMN domains_data jsonb,
  ADD COLUMN dns_results jsonb,
  ADD COLUMN http_results jsonb,
  ADD COLUMN analysis_results jsonb;

UPDATE campaigns c
SET domains_data = d.domains_data, dns_results = d.dns_results, http_results = d.http_results, analysis_results = d.analysis_results
FROM phase_documents d
WHERE d.id = c.id;
