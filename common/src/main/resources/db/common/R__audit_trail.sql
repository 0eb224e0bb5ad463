-- The audit trail of every service (common/, docs/design.md §9.4): one append-only row per change, written in the
-- change's own transaction, and per refused request. Repeatable and written to run again safely, so that it applies
-- after each service's own versioned migrations, whatever their numbers.

create table if not exists audit_record (
    id                bigserial   primary key,
    recorded_at       timestamptz not null default clock_timestamp(),
    -- CHANGED: a committed change; REFUSED: a request refused for lack of rights (403)
    outcome           text        not null check (outcome in ('CHANGED', 'REFUSED')),
    -- the HTTP operation, e.g. "PUT /api/v1/indicators/{code} (IndicatorResource.replace)", or "system: …"
    operation         text        not null,
    event_type        text,
    aggregate_type    text,
    aggregate_id      text,
    aggregate_version bigint,
    -- the changed record's region; null for the national catalogue and platform operations
    region_code       text,
    -- the whole state after the change (the event's data); the state before is the previous row of the aggregate
    after_state       jsonb,
    detail            text,
    actor_subject     text        not null,
    actor_roles       text        not null,
    actor_region      text,
    actor_unit        text,
    request_id        text,
    client_address    text,
    -- tamper evidence, filled once by the sealer (AuditSealer) in chain order: hash = sha256(previous_hash, row)
    chain_position    bigint      unique,
    previous_hash     text,
    hash              text
);

create index if not exists audit_record_aggregate on audit_record (aggregate_type, aggregate_id, id);
create index if not exists audit_record_region on audit_record (region_code text_pattern_ops, id);
create index if not exists audit_record_time on audit_record (recorded_at);
create index if not exists audit_record_unsealed on audit_record (id) where hash is null;

-- The text a row's hash covers: every column but the seal, in a fixed order (jsonb prints its keys sorted). Stable, as
-- concat_ws is: PostgreSQL inlines a SQL function only if it is declared no less volatile than its body, and inlined
-- it costs the sealer and the verification no function call per row (sealing 600,000 rows of a village import called
-- it 600,000 times).
create or replace function audit_canonical(r audit_record) returns text language sql stable as $$
    select concat_ws(chr(31), r.id::text, (extract(epoch from r.recorded_at) * 1000000)::bigint::text, r.outcome,
        r.operation, coalesce(r.event_type, ''), coalesce(r.aggregate_type, ''), coalesce(r.aggregate_id, ''),
        coalesce(r.aggregate_version::text, ''), coalesce(r.region_code, ''), coalesce(r.after_state::text, ''),
        coalesce(r.detail, ''), r.actor_subject, r.actor_roles, coalesce(r.actor_region, ''),
        coalesce(r.actor_unit, ''), coalesce(r.request_id, ''), coalesce(r.client_address, ''))
$$;

-- Append-only: a row may only receive its seal, once; nothing is deleted. (The least-privilege database roles of
-- docs/design.md §9.4 additionally deny the runtime role UPDATE/DELETE but of the seal; these triggers hold for every
-- role.) Refused: a DELETE, an UPDATE naming any column but the seal, an UPDATE of the seal of a row sealed already
-- or leaving it incomplete. The sealer's own UPDATE names only the seal, so no trigger function runs for it (the
-- WHEN condition is checked in place): comparing whole rows as jsonb in a row trigger made sealing a bulk import's
-- rows twice as slow.
create or replace function audit_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit records are append-only: % refused', tg_op using errcode = '42501';
end
$$;

-- The columns but the seal, read from the catalogue when this file runs: a column added to audit_record (here, which
-- makes this file run again) is protected without editing the trigger.
do $append_only$
declare
    protected text;
begin
    select string_agg(quote_ident(attname), ', ' order by attnum) into protected
    from pg_attribute
    where attrelid = 'audit_record'::regclass and attnum > 0 and not attisdropped
      and attname not in ('chain_position', 'previous_hash', 'hash');
    drop trigger if exists audit_record_append_only on audit_record;
    execute format('create trigger audit_record_append_only before update of %s or delete on audit_record '
                   'for each row execute function audit_record_append_only()', protected);
end
$append_only$;
drop trigger if exists audit_record_seal_once on audit_record;
create trigger audit_record_seal_once before update of chain_position, previous_hash, hash on audit_record
    for each row
    when (old.hash is not null or old.chain_position is not null
          or new.hash is null or new.previous_hash is null or new.chain_position is null)
    execute function audit_record_append_only();
drop trigger if exists audit_record_no_truncate on audit_record;
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_append_only();

-- Every event names who caused it (CloudEvents extension attribute "actor").
alter table outbox_event add column if not exists actor text;
