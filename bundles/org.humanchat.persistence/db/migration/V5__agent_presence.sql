-- Whether an agent takes conversations now: AVAILABLE, BUSY or AWAY.
ALTER TABLE agent ADD COLUMN presence VARCHAR(16) DEFAULT 'AVAILABLE' NOT NULL;
