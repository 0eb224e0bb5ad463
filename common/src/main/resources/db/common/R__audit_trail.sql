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
    client_address    text
);

create index if not exists audit_record_aggregate on audit_record (aggregate_type, aggregate_id, id);
create index if not exists audit_record_region on audit_record (region_code text_pattern_ops, id);
create index if not exists audit_record_time on audit_record (recorded_at);

-- Tamper evidence, given once by the sealer (AuditChain) in chain order: hash = sha256(previous_hash, row). A table of
-- its own, so that audit_record is only ever inserted into: the seal used to be an UPDATE of the record, which wrote a
-- second version of a wide row and an entry in each of its indexes (a village import's 617,514 records, sealed while
-- the relay drained its events, were PostgreSQL's largest job after the import, and left as many dead rows to vacuum).
create table if not exists audit_seal (
    record_id      bigint primary key,
    chain_position bigint not null unique,
    previous_hash  text   not null,
    hash           text   not null
);

-- The records still to seal: filled by a statement trigger on every insert into audit_record (one set-based insert
-- per statement, as outbox_pending), emptied by the sealer in the transaction that writes the seals.
create table if not exists audit_unsealed (
    id bigint primary key
);

create or replace function audit_unsealed_add() returns trigger language plpgsql as $$
begin
    insert into ${flyway:defaultSchema}.audit_unsealed (id) select id from inserted;
    return null;
end
$$;

drop trigger if exists audit_unsealed_add on audit_record;
create trigger audit_unsealed_add after insert on audit_record referencing new table as inserted
    for each statement execute function audit_unsealed_add();

-- Upgrade from the seal held in audit_record's own columns: the seals move to audit_seal, the unsealed rows to the
-- queue, then the columns go (with the triggers, partial index and unique constraint that named them).
do $move_seals$
begin
    if exists (select 1 from pg_attribute where attrelid = 'audit_record'::regclass and attname = 'hash'
               and not attisdropped) then
        drop trigger if exists audit_record_append_only on audit_record;
        drop trigger if exists audit_record_seal_once on audit_record;
        insert into audit_seal (record_id, chain_position, previous_hash, hash)
            select id, chain_position, previous_hash, hash from audit_record where hash is not null
            on conflict do nothing;
        insert into audit_unsealed (id) select id from audit_record where hash is null on conflict do nothing;
        alter table audit_record drop column chain_position, drop column previous_hash, drop column hash;
    end if;
end
$move_seals$;

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

-- Append-only: nothing in audit_record or audit_seal is changed or deleted, for every role (the least-privilege
-- database roles of docs/design.md §9.4 additionally deny the runtime role UPDATE, DELETE and TRUNCATE on both); a
-- second seal of a record is refused by audit_seal's key.
create or replace function audit_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit records are append-only: % refused', tg_op using errcode = '42501';
end
$$;

drop trigger if exists audit_record_append_only on audit_record;
create trigger audit_record_append_only before update or delete on audit_record
    for each row execute function audit_record_append_only();
drop trigger if exists audit_record_no_truncate on audit_record;
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_append_only();
drop trigger if exists audit_seal_append_only on audit_seal;
create trigger audit_seal_append_only before update or delete on audit_seal
    for each row execute function audit_record_append_only();
drop trigger if exists audit_seal_no_truncate on audit_seal;
create trigger audit_seal_no_truncate before truncate on audit_seal
    for each statement execute function audit_record_append_only();

-- Every event names who caused it (CloudEvents extension attribute "actor").
alter table outbox_event add column if not exists actor text;
