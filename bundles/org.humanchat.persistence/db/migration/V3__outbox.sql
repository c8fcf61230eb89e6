-- The outbox is the message table: pending outbound messages carry when they are due and how often they were tried.
ALTER TABLE message ADD COLUMN delivery_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE message ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE message ADD COLUMN platform_ref VARCHAR(200);
UPDATE message SET next_attempt_at = created_at WHERE delivery_state = 'PENDING';
CREATE INDEX message_due ON message (next_attempt_at);
CREATE INDEX message_platform_ref ON message (channel_id, platform_ref);
