DROP TABLE audit_logs;
DROP TABLE user_sessions;
DROP TABLE users;
DROP FUNCTION set_updated_at();
