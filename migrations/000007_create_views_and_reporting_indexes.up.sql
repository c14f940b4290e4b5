-- Legacy history 7/7: reporting views over the dual architecture, and an index on a column
-- nothing filters on alone any more (seed 000: an orphaned index).
CREATE VIEW campaign_overview AS
SELECT c.id,
       c.name,
       c.campaign_type,
       c.status,
       c.progress_percentage,
       c.current_phase,
       c.phase_status,
       u.email AS owner_email,
       (SELECT count(*) FROM generated_domains gd WHERE gd.campaign_id = c.id) AS domain_count
FROM campaigns c
LEFT JOIN users u ON u.id = c.user_id;

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

CREATE INDEX idx_generated_domains_dns_status_legacy ON generated_domains (dns_status);
