-- Legacy history 2/7: the supporting entities campaigns use to validate domains.
CREATE TYPE persona_type_enum AS ENUM ('dns', 'http');
CREATE TYPE proxy_protocol_enum AS ENUM ('http', 'https', 'socks5');
CREATE TYPE keyword_rule_type_enum AS ENUM ('string', 'regex');

CREATE TABLE personas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  persona_type persona_type_enum NOT NULL,
  description text,
  config_details jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT personas_name_persona_type_key UNIQUE (name, persona_type)
);

CREATE TABLE proxies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  address text NOT NULL,
  protocol proxy_protocol_enum NOT NULL DEFAULT 'http',
  username text,
  password_hash text,
  country_code varchar(2),
  is_enabled boolean NOT NULL DEFAULT true,
  is_healthy boolean NOT NULL DEFAULT true,
  last_checked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proxies_name_key UNIQUE (name)
);

CREATE TABLE proxy_pools (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text,
  pool_strategy text NOT NULL DEFAULT 'round_robin',
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT proxy_pools_name_key UNIQUE (name)
);

CREATE TABLE proxy_pool_memberships (
  pool_id uuid NOT NULL REFERENCES proxy_pools (id) ON DELETE CASCADE,
  proxy_id uuid NOT NULL REFERENCES proxies (id) ON DELETE CASCADE,
  weight integer NOT NULL DEFAULT 1,
  is_active boolean NOT NULL DEFAULT true,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pool_id, proxy_id)
);
CREATE INDEX idx_proxy_pool_memberships_proxy_id ON proxy_pool_memberships (proxy_id);

CREATE TABLE keyword_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text,
  is_enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT keyword_sets_name_key UNIQUE (name)
);

CREATE TABLE keyword_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  keyword_set_id uuid NOT NULL REFERENCES keyword_sets (id) ON DELETE CASCADE,
  pattern text NOT NULL,
  rule_type keyword_rule_type_enum NOT NULL DEFAULT 'string',
  is_case_sensitive boolean NOT NULL DEFAULT false,
  category text,
  context_chars integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_keyword_rules_keyword_set_id ON keyword_rules (keyword_set_id);
