// Enums of the phase-centric layout.
import { enumType } from '../src/model/index.js';

export const phaseType = enumType('phase_type_enum', ['domain_generation', 'dns_validation', 'http_keyword_validation', 'analysis']);
export const phaseStatus = enumType('phase_status_enum', ['not_started', 'ready', 'configured', 'in_progress', 'paused', 'completed', 'failed']);
export const validationStatus = enumType('validation_status_enum', ['pending', 'valid', 'invalid', 'error', 'skipped']);
export const jobType = enumType('job_type_enum', ['domain_generation', 'dns_validation', 'http_keyword_validation', 'analysis']);
export const jobStatus = enumType('job_status_enum', ['pending', 'queued', 'running', 'completed', 'failed', 'retry']);
export const personaType = enumType('persona_type_enum', ['dns', 'http']);
export const proxyProtocol = enumType('proxy_protocol_enum', ['http', 'https', 'socks5']);
export const keywordRuleType = enumType('keyword_rule_type_enum', ['string', 'regex']);
