-- The conversation domain. Portable SQL: the same script runs on H2 2.x and PostgreSQL 13+.
-- Times are epoch milliseconds (BIGINT): one representation on both databases, cheap to index and compare.
-- Ids come from sequences that step by 50, matching the allocation size of the JPA mappings; EclipseLink
-- reads each value as the end of a block of 50, so the first value is 50 (ids start at 1; 0 means "not stored").

CREATE SEQUENCE environment_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE agent_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE brain_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE channel_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE contact_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE conversation_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE message_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE quick_response_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE environment (
    id BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    human_chat_enabled BOOLEAN NOT NULL,
    human_chat_changed_by VARCHAR(200),
    human_chat_changed_at BIGINT,
    fallback_text VARCHAR(2000) NOT NULL
);
CREATE UNIQUE INDEX environment_name ON environment (name);

CREATE TABLE agent (
    id BIGINT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    email VARCHAR(254) NOT NULL,
    role VARCHAR(10) NOT NULL
);
CREATE UNIQUE INDEX agent_email ON agent (email);

CREATE TABLE brain (
    id BIGINT PRIMARY KEY,
    environment_id BIGINT NOT NULL REFERENCES environment (id),
    name VARCHAR(100) NOT NULL,
    connector_type VARCHAR(100) NOT NULL
);

CREATE TABLE channel (
    id BIGINT PRIMARY KEY,
    environment_id BIGINT NOT NULL REFERENCES environment (id),
    type VARCHAR(100) NOT NULL,
    name VARCHAR(100) NOT NULL,
    default_brain_id BIGINT REFERENCES brain (id)
);

CREATE TABLE contact (
    id BIGINT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    email VARCHAR(254) NOT NULL,
    address VARCHAR(500) NOT NULL,
    phone VARCHAR(20) NOT NULL
);

CREATE TABLE contact_identity (
    channel_id BIGINT NOT NULL REFERENCES channel (id),
    external_id VARCHAR(200) NOT NULL,
    contact_id BIGINT NOT NULL REFERENCES contact (id),
    PRIMARY KEY (channel_id, external_id)
);
CREATE INDEX contact_identity_contact ON contact_identity (contact_id);

-- assignee_id is the agent's or Brain's id, 0 when nobody. tags is '|a|b|' (sorted), '' when none.
CREATE TABLE conversation (
    id BIGINT PRIMARY KEY,
    environment_id BIGINT NOT NULL REFERENCES environment (id),
    channel_id BIGINT NOT NULL REFERENCES channel (id),
    contact_id BIGINT NOT NULL REFERENCES contact (id),
    status VARCHAR(10) NOT NULL,
    assignee_kind VARCHAR(10) NOT NULL,
    assignee_id BIGINT NOT NULL,
    tags VARCHAR(1000) NOT NULL,
    preview VARCHAR(200) NOT NULL,
    created_at BIGINT NOT NULL,
    last_message_at BIGINT NOT NULL,
    handed_over_at BIGINT,
    first_human_reply_at BIGINT,
    resolved_at BIGINT
);
-- Unassigned and Brain tabs (status, kind), newest activity first.
CREATE INDEX conversation_kind_activity ON conversation (status, assignee_kind, last_message_at DESC, id DESC);
-- Me tab: one agent's conversations.
CREATE INDEX conversation_assignee_activity ON conversation (assignee_id, assignee_kind, status, last_message_at DESC, id DESC);
-- Open and Closed tabs.
CREATE INDEX conversation_status_activity ON conversation (status, last_message_at DESC, id DESC);
-- A contact's conversations; the latest one on a channel takes the next inbound message.
CREATE INDEX conversation_contact ON conversation (contact_id, channel_id, id);

-- channel_id and external_id identify an inbound message on its platform: the unique index drops redeliveries.
CREATE TABLE message (
    id BIGINT PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversation (id),
    channel_id BIGINT NOT NULL,
    direction VARCHAR(10) NOT NULL,
    author_kind VARCHAR(10) NOT NULL,
    author_id BIGINT NOT NULL,
    text VARCHAR(20000) NOT NULL,
    external_id VARCHAR(200),
    delivery_state VARCHAR(10) NOT NULL,
    delivery_error VARCHAR(1000),
    created_at BIGINT NOT NULL
);
CREATE INDEX message_conversation ON message (conversation_id, id);
CREATE UNIQUE INDEX message_external ON message (channel_id, external_id);

CREATE TABLE message_attachment (
    message_id BIGINT NOT NULL REFERENCES message (id),
    position INT NOT NULL,
    name VARCHAR(255) NOT NULL,
    media_type VARCHAR(255) NOT NULL,
    size_bytes BIGINT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (message_id, position)
);

-- Tab counts kept in step with conversations in the same transaction, so that counting never scans.
-- Each bucket is split over 8 shards so that concurrent changes rarely wait on one row.
-- Buckets: OPEN/NOBODY/0, OPEN/BRAIN/0, OPEN/AGENT/<agent id>, RESOLVED/ANY/0.
CREATE TABLE inbox_counter (
    status VARCHAR(10) NOT NULL,
    assignee_kind VARCHAR(10) NOT NULL,
    assignee_id BIGINT NOT NULL,
    shard INT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (status, assignee_kind, assignee_id, shard)
);

CREATE TABLE tag (
    name VARCHAR(50) PRIMARY KEY
);

CREATE TABLE quick_response (
    id BIGINT PRIMARY KEY,
    environment_id BIGINT NOT NULL REFERENCES environment (id),
    shortcut VARCHAR(32) NOT NULL,
    text VARCHAR(20000) NOT NULL
);
CREATE UNIQUE INDEX quick_response_shortcut ON quick_response (environment_id, shortcut);
