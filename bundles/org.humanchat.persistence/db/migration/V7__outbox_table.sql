-- The outbox gets a table of its own: only outbound messages have a row (when it is due, how often it was tried,
-- the platform's id for it). Before, these were columns of message with two indexes, and every inbound message
-- wrote two entries (of NULLs) into those indexes: a sixth of the work of storing one.
CREATE TABLE outbox (
    message_id BIGINT PRIMARY KEY REFERENCES message (id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL,
    attempts INT DEFAULT 0 NOT NULL,
    next_attempt_at BIGINT,
    platform_ref VARCHAR(200)
);
INSERT INTO outbox (message_id, channel_id, attempts, next_attempt_at, platform_ref)
    SELECT id, channel_id, delivery_attempts, next_attempt_at, platform_ref FROM message
    WHERE direction = 'OUTBOUND' OR next_attempt_at IS NOT NULL OR platform_ref IS NOT NULL;
CREATE INDEX outbox_due ON outbox (next_attempt_at);
CREATE INDEX outbox_platform_ref ON outbox (channel_id, platform_ref);
DROP INDEX message_due;
DROP INDEX message_platform_ref;
-- message.delivery_attempts, next_attempt_at and platform_ref are no longer read or written. They stay: on H2,
-- dropping a column rewrites the table (measured: 10 s per column per million messages, so about five minutes of
-- "Opening the database" for a desk with 10M messages).
