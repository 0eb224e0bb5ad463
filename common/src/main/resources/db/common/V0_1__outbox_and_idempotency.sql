-- Shared by every service (common/): the transactional outbox and the idempotency keys of bulk requests.
-- Versions below 1 keep these ahead of each service's own migrations (V1, V2 ...).

create table outbox_event (
    seq               bigserial primary key,
    event_id          uuid        not null unique,
    topic             text        not null,
    event_type        text        not null,
    aggregate_id      text        not null,
    aggregate_version bigint      not null,
    payload           jsonb       not null,
    -- a deletion: the relay sends the event, then a null-valued record so that compaction drops the key
    tombstone         boolean     not null default false,
    occurred_at       timestamptz not null default now(),
    published_at      timestamptz,
    attempts          integer     not null default 0,
    last_error        text
);

create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

create table idempotency_record (
    scope         text        not null,
    idem_key      text        not null,
    request_hash  text        not null,
    status        integer,
    response_body text,
    created_at    timestamptz not null default now(),
    primary key (scope, idem_key)
);
