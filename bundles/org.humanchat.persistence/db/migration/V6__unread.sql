-- Unread markers: when the end user last wrote, and when each agent last looked at each conversation.
-- Conversations from before this version count as read until the end user writes again.
ALTER TABLE conversation ADD COLUMN last_inbound_at BIGINT;
CREATE TABLE conversation_seen (
    agent_id BIGINT NOT NULL,
    conversation_id BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (agent_id, conversation_id)
);
