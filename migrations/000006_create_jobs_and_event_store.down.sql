DROP TABLE event_projections;
DROP TABLE event_store;
DROP TABLE campaign_jobs;
DROP TYPE job_status_enum;
DROP TYPE job_type_enum;
