-- Accounts: agents can be deactivated; their password (an Argon2id PHC string) and a pending set-password code (its
-- SHA-256) are kept beside the agent row; sessions and named API tokens are kept as SHA-256 hashes, never the tokens;
-- failed sign-ins are counted per account and per source address for the brute-force delay.
ALTER TABLE agent ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;

CREATE TABLE agent_credential (
    agent_id BIGINT PRIMARY KEY REFERENCES agent (id),
    password_hash VARCHAR(200),
    code_hash VARCHAR(64),
    code_expires_at BIGINT
);

CREATE SEQUENCE agent_token_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE agent_token (
    id BIGINT PRIMARY KEY,
    agent_id BIGINT NOT NULL REFERENCES agent (id),
    token_hash VARCHAR(64) NOT NULL,
    label VARCHAR(100) NOT NULL,
    api_token BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX agent_token_hash ON agent_token (token_hash);
CREATE INDEX agent_token_agent ON agent_token (agent_id, id);
CREATE INDEX agent_token_expires ON agent_token (expires_at);

CREATE TABLE sign_in_failure (
    failure_key VARCHAR(320) PRIMARY KEY,
    failures INT NOT NULL,
    last_at BIGINT NOT NULL
);

-- The admin API tokens issued before accounts keep working, as each agent's API token "Admin API" (ids below the
-- sequence's; created 2026-12-08, ending a year later).
INSERT INTO agent_token (id, agent_id, token_hash, label, api_token, created_at, last_used_at, expires_at)
    SELECT -id, id, api_token_hash, 'Admin API', TRUE, 1796688000000, 1796688000000, 1828224000000
    FROM agent WHERE api_token_hash IS NOT NULL;
DROP INDEX agent_api_token;
ALTER TABLE agent DROP COLUMN api_token_hash;
