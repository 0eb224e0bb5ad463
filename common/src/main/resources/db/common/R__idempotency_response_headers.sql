-- A replayed answer repeats the first answer's Location and ETag. Repeatable (and written to run again safely) so
-- that it applies after the services' own versioned migrations, whatever their numbers.
alter table idempotency_record add column if not exists location text;
alter table idempotency_record add column if not exists etag text;
