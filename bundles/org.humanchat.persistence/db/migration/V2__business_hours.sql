-- When humans answer in an environment ('' = always), in which time zone, and what end users are told otherwise.
ALTER TABLE environment ADD COLUMN business_hours VARCHAR(500) DEFAULT '' NOT NULL;
ALTER TABLE environment ADD COLUMN time_zone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
ALTER TABLE environment ADD COLUMN out_of_hours_text VARCHAR(2000)
    DEFAULT 'Thanks for your message. Our team is away right now; we will answer as soon as we are back.' NOT NULL;
