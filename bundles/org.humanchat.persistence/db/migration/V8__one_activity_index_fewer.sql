-- The Open and Closed tabs are merged from the three per-kind ranges of conversation_kind_activity (status,
-- assignee_kind, activity), so their own index (status, activity) goes: every inbound message moved an entry in
-- each of the three activity indexes, and this one was about a tenth of the ingest writer's work
-- (docs/BENCHMARKS.md, IngestAbBenchmark).
DROP INDEX conversation_status_activity;
