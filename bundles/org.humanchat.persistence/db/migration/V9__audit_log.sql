-- The audit log: who changed what in the set-up, when, with before and after (never a secret). Rows are only ever
-- appended, in the transaction of the change they record. Pages are read newest first by id (keyset), whole or
-- filtered by agent, action prefix or subject kind, so each of those filters has an index ending in the id; a time
-- range has its own. The free-text filter (subject name, before, after) reads the rows the other filters leave.
CREATE SEQUENCE audit_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    agent_id BIGINT NOT NULL,
    agent_name VARCHAR(100) NOT NULL,
    action VARCHAR(100) NOT NULL,
    subject_kind VARCHAR(50) NOT NULL,
    subject_id VARCHAR(200) NOT NULL,
    subject_name VARCHAR(200) NOT NULL,
    before_text VARCHAR(4000) NOT NULL,
    after_text VARCHAR(4000) NOT NULL
);
CREATE INDEX audit_log_agent ON audit_log (agent_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_subject_kind ON audit_log (subject_kind, id);
CREATE INDEX audit_log_at ON audit_log (at);
