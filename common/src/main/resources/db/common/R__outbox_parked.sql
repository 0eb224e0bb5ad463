-- Parked outbox events (docs/design.md §5.2): a row the broker refuses for a reason that retrying cannot heal (too
-- large for the topic, not authorised on it, not serialisable) is moved here after cfc.outbox.park-after-attempts
-- refusals, so that the rows after it go on. Repeatable and written to run again safely, like R__audit_trail.sql, so
-- that it applies after each service's own versioned migrations, whatever their numbers.

-- Refusals that cannot heal, counted apart from attempts (which also count broker outages), and when they happened.
alter table outbox_event add column if not exists refusals integer not null default 0;
alter table outbox_event add column if not exists first_failure_at timestamptz;
alter table outbox_event add column if not exists last_failure_at timestamptz;

create table if not exists outbox_parked (
    id                bigserial   primary key,
    -- the outbox row as it was: a re-drive puts it back under its own seq, so it goes out before the later events
    -- of its aggregate that were held back behind it
    seq               bigint      not null,
    event_id          uuid        not null,
    topic             text        not null,
    event_type        text        not null,
    aggregate_id      text        not null,
    aggregate_version bigint      not null,
    payload           jsonb       not null,
    tombstone         boolean     not null,
    occurred_at       timestamptz not null,
    actor             text,
    -- why: the broker's exception class and message of the last refusal
    reason_class      text        not null,
    reason            text        not null,
    attempts          integer     not null,
    first_failure_at  timestamptz not null,
    last_failure_at   timestamptz not null,
    parked_at         timestamptz not null default now(),
    redriven_at       timestamptz,
    redriven_by       text
);

-- The relay holds back later rows of an aggregate while one of its rows is parked (and not yet re-driven); the list
-- of those aggregates and the parked count read only the open entries.
create index if not exists outbox_parked_open on outbox_parked (id) where redriven_at is null;
