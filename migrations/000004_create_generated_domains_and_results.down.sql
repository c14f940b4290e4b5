DROP TABLE http_keyword_results;
DROP TABLE dns_validation_results;
DROP TABLE generated_domains;
DROP TYPE validation_status_enum;
