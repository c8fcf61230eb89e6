-- Agents' tokens for the admin HTTP API: only a SHA-256 hash is kept, so a leaked database leaks no token.
ALTER TABLE agent ADD COLUMN api_token_hash VARCHAR(64);
CREATE UNIQUE INDEX agent_api_token ON agent (api_token_hash);
