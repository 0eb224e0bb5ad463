-- Observations: one value per (indicator, region, period), append-only revisions, draft → submitted → approved.
set search_path = indicator, public;

create table observation (
    id                   uuid primary key,
    indicator_code       text        not null references indicator (code),
    region_code          varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    period               varchar(6)  not null check (period ~ '^[0-9]{4}(H[12])?$'),
    -- the value as worked on (draft/submitted/approved) …
    value                numeric,
    value_text           text,
    numerator            numeric,
    denominator          numeric,
    source               text,
    note                 text,
    status               text        not null check (status in ('draft', 'submitted', 'approved')),
    reported_by          text        not null,
    reported_unit        text,
    -- … and the value that counts: the latest approved one, kept while a reopened value is corrected
    approved_value       numeric,
    approved_text        text,
    approved_numerator   numeric,
    approved_denominator numeric,
    approved_version     bigint,
    approved_by          text,
    approved_at          timestamptz,
    version              bigint      not null check (version >= 1),
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    updated_by           text        not null,
    unique (indicator_code, region_code, period)
);

-- Lists and evaluation: a region subtree (code range), an indicator, periods.
create index observation_region on observation (region_code varchar_pattern_ops, indicator_code, period);
create index observation_status on observation (status, region_code varchar_pattern_ops);

-- History: one row per version (created, corrected, submitted, approved, returned, reopened); never updated.
create table observation_revision (
    observation_id uuid        not null references observation (id),
    version        bigint      not null,
    action         text        not null check (action in ('created', 'corrected', 'submitted', 'approved', 'returned', 'reopened')),
    value          numeric,
    value_text     text,
    numerator      numeric,
    denominator    numeric,
    source         text,
    note           text,
    status         text        not null,
    reason         text,
    actor          text        not null,
    batch_id       uuid,
    at             timestamptz not null,
    primary key (observation_id, version)
);

-- A bulk request's log: what it did, and whether it finished (a retried request with the same Idempotency-Key
-- resumes an interrupted one; see ObservationBatchService).
create table observation_batch (
    id              uuid primary key,
    idempotency_key text unique,
    request_hash    text        not null,
    format          text        not null,
    on_error        text        not null,
    state           text        not null check (state in ('running', 'completed', 'rejected', 'failed')),
    requested_by    text        not null,
    started_at      timestamptz not null,
    heartbeat_at    timestamptz not null,
    finished_at     timestamptz,
    rows_read       bigint      not null default 0,
    rows_written    bigint      not null default 0,
    report          jsonb
);
