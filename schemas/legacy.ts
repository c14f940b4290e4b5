// Legacy objects of the lead-generation platform: present in databases still on the legacy
// layout (../shared/DOMAIN.md, "Before"), gone from the target. `audit` reports each as legacy,
// with why and what replaced it, instead of as unexplained drift.
import { legacy } from '../src/model/index.js';

const phaseTable = (name: string, column: string) =>
  legacy.table(name, { reason: `per-phase run state duplicates the JSONB ${column} column (seed 000)`, replacedBy: `lead_generation_campaigns.${column}` });

export const legacyObjects = [
  legacy.table('campaigns', {
    reason: 'the campaigns table is named lead_generation_campaigns in the phase-centric layout (seed 000)',
    renamedTo: 'lead_generation_campaigns',
    replacedBy: 'lead_generation_campaigns',
  }),
  legacy.column('lead_generation_campaigns', 'campaign_type', {
    reason: 'dual architecture: the campaign type duplicates the phase fields (seed 004)',
    replacedBy: 'lead_generation_campaigns.current_phase',
  }),
  legacy.column('lead_generation_campaigns', 'status', {
    reason: 'dual architecture: the campaign status duplicates phase_status (seed 004)',
    replacedBy: 'lead_generation_campaigns.phase_status',
  }),
  legacy.column('lead_generation_campaigns', 'progress_percentage', {
    reason: 'dual architecture: progress_percentage duplicates progress (seed 004)',
    replacedBy: 'lead_generation_campaigns.progress',
  }),
  phaseTable('domain_generation_phases', 'domains_data'),
  phaseTable('dns_validation_phases', 'dns_results'),
  phaseTable('http_keyword_validation_phases', 'http_results'),
  phaseTable('analysis_phases', 'analysis_results'),
  legacy.table('domain_generation_campaign_params', {
    reason: 'legacy parameter storage: generation parameters move into the JSONB configuration (seed 000)',
    replacedBy: 'lead_generation_campaigns.domains_data.config',
  }),
  legacy.table('dns_validation_campaign_params', {
    reason: 'legacy parameter storage (seed 000)',
    replacedBy: 'lead_generation_campaigns.dns_results.config',
  }),
  legacy.table('http_keyword_campaign_params', {
    reason: 'legacy parameter storage (seed 000)',
    replacedBy: 'lead_generation_campaigns.http_results.config',
  }),
  legacy.table('dns_validation_results', {
    reason: 'per-domain DNS results are folded into generated_domains (seed 000, migration 000039)',
    replacedBy: 'generated_domains.dns_status',
  }),
  legacy.table('http_keyword_results', {
    reason: 'per-domain HTTP results are folded into generated_domains (seed 000, migration 000039)',
    replacedBy: 'generated_domains.http_status',
  }),
  legacy.table('event_store', { reason: 'event sourcing is not used by the standalone services (seed 000)' }),
  legacy.table('event_projections', { reason: 'event sourcing is not used by the standalone services (seed 000)' }),
  legacy.enum('campaign_type_enum', {
    reason: 'campaign types are replaced by phases (seed 004)',
    replacedBy: 'phase_type_enum',
  }),
  legacy.enum('campaign_status_enum', {
    reason: 'campaign statuses are replaced by phase statuses (seed 004)',
    replacedBy: 'phase_status_enum',
  }),
];
