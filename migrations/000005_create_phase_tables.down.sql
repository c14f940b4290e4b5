DROP TABLE analysis_phases;
DROP TABLE http_keyword_validation_phases;
DROP TABLE dns_validation_phases;
DROP TABLE domain_generation_phases;
