-- Trust (issue 12): domains get a version (If-Match) and an actor; targets are soft-deleted with a reason; a bulk
-- request's log remembers the region of the token that sent it (its readers are scoped to that region).
set search_path = indicator, public;

alter table domain add column version    bigint not null default 1 check (version >= 1);
alter table domain add column updated_at timestamptz;
alter table domain add column created_by text;
alter table domain add column updated_by text;
update domain set updated_at = created_at where updated_at is null;
alter table domain alter column updated_at set not null;

-- A deleted target stays (with who, when and why) and drops out of reads and evaluations; a new target of the same
-- (indicator, region, year, level) may be set afterwards, so the key is unique among the live targets only.
alter table target add column deleted_at     timestamptz;
alter table target add column deleted_by     text;
alter table target add column deleted_reason text check (deleted_reason is null or length(deleted_reason) between 1 and 500);
alter table target add check ((deleted_at is null) = (deleted_reason is null));
alter table target drop constraint target_indicator_code_region_code_year_level_key;
create unique index target_live_key on target (indicator_code, region_code, year, level) where deleted_at is null;

alter table observation_batch add column requested_region text;

-- An Idempotency-Key belongs to the caller that sent it (common IdempotencyStore): two callers may use the same key
-- for different batches, so the log's key is unique per sender, not globally.
alter table observation_batch drop constraint observation_batch_idempotency_key_key;
create unique index observation_batch_sender_key on observation_batch (requested_by, idempotency_key);
