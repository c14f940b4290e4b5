// zod shapes of the four JSONB phase columns of lead_generation_campaigns. Each document holds
// that phase's configuration (what the legacy *_campaign_params tables held), its run state
// (what the legacy *_phases tables held) and aggregate results. Never per-domain lists: those
// live in generated_domains. Unknown keys are allowed (loose objects) so that adding a field in
// the application is not drift; wrong types and missing required fields are.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const timestamp = z.string().nullable();

/** Run state common to every phase. */
export const phaseState = z.looseObject({
  status: z.enum(['not_started', 'ready', 'configured', 'in_progress', 'paused', 'completed', 'failed']),
  started_at: timestamp.optional(),
  completed_at: timestamp.optional(),
  processed_items: count,
  total_items: count,
  last_error: z.string().nullable().optional(),
});

/** Phase 1: domain generation. Config is what domain_generation_campaign_params held. */
export const domainsData = z.looseObject({
  config: z.looseObject({
    pattern_type: z.enum(['prefix', 'suffix', 'both']),
    variable_length: z.number().int().positive(),
    character_set: z.string().min(1),
    constant_string: z.string(),
    tld: z.string().min(1),
    num_domains_to_generate: count,
    total_possible_combinations: count,
    current_offset: count,
  }),
  state: phaseState.optional(),
  results: z
    .looseObject({
      generated_count: count,
      duplicate_count: count.optional(),
    })
    .optional(),
});

const batching = {
  batch_size: z.number().int().positive(),
  retry_attempts: z.number().int().nonnegative(),
  proxy_pool_id: z.guid().nullable(),
};

/** Phase 2: DNS validation. Config is what dns_validation_campaign_params held. */
export const dnsResults = z.looseObject({
  config: z.looseObject({
    persona_ids: z.array(z.guid()),
    ...batching,
  }),
  state: phaseState.optional(),
  results: z
    .looseObject({
      valid_count: count,
      invalid_count: count,
      error_count: count,
    })
    .optional(),
});

/** Phase 3: HTTP keyword validation. Config is what http_keyword_campaign_params held. */
export const httpResults = z.looseObject({
  config: z.looseObject({
    persona_ids: z.array(z.guid()),
    keyword_set_ids: z.array(z.guid()),
    ad_hoc_keywords: z.array(z.string()),
    ...batching,
  }),
  state: phaseState.optional(),
  results: z
    .looseObject({
      success_count: count,
      keyword_hit_count: count,
      error_count: count,
    })
    .optional(),
});

/** Phase 4: analysis. */
export const analysisResults = z.looseObject({
  config: z.looseObject({
    min_lead_score: z.number().min(0).max(100),
  }),
  state: phaseState.optional(),
  results: z
    .looseObject({
      leads_found: count,
      average_lead_score: z.number().min(0).max(100).nullable(),
    })
    .optional(),
});

export type DomainsData = z.infer<typeof domainsData>;
export type DnsResults = z.infer<typeof dnsResults>;
export type HttpResults = z.infer<typeof httpResults>;
export type AnalysisResults = z.infer<typeof analysisResults>;
