-- Milestones (dated, quantified deliverables of a task) and half-yearly progress reports (半年调度).
-- "Overdue" and "due soon" are never stored: they follow from the due date and today's date at read time.
set search_path = task, public;

create table milestone (
    id             uuid primary key,
    task_id        uuid        not null references task (id) on delete cascade,
    ordinal        integer     not null,
    import_key     text,                                    -- statement + metric (+ occurrence): identity in re-imports
    due_date       date,                                    -- null: undated (never overdue)
    statement      text        not null check (length(statement) between 1 and 1000),
    metric         text,
    comparator     text        not null check (comparator in ('>=', '<=', '>', '<', '==', 'range', 'bool', 'increase',
                                              'decrease', 'reduce-pct-from-baseline', 'reduce-pp-per-year', 'qualitative')),
    value_number   numeric,
    value_boolean  boolean,
    value_max      numeric,
    unit           text,
    baseline_year  integer,
    facility_type  text check (facility_type ~ '^[a-z][a-z0-9-]*$'),  -- kept as data for the reporting service
    note           text,
    status         text        not null check (status in ('open', 'done', 'cancelled')),
    done_on        date,
    evidence       text,
    cancelled_on   date,
    cancel_reason  text,
    status_report  uuid,                                    -- the accepted progress report that completed it, if any
    version        bigint      not null check (version >= 1),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    updated_by     text,
    check ((status = 'done') = (done_on is not null)),
    check (status <> 'done' or evidence is not null),
    check ((status = 'cancelled') = (cancel_reason is not null)),
    check (value_number is null or value_boolean is null),
    unique (task_id, import_key)
);

create index milestone_task on milestone (task_id, ordinal);
create index milestone_open_due on milestone (due_date, task_id) where status = 'open';

create table progress_report (
    id                 uuid primary key,
    task_id            uuid        not null references task (id),
    period             text        not null check (period ~ '^[0-9]{4}H[12]$'),
    unit_id            uuid        not null references unit (id),
    body               text        not null check (length(body) between 1 and 20000),
    percent_complete   integer     not null check (percent_complete between 0 and 100),
    milestone_updates  jsonb       not null default '[]' check (jsonb_typeof(milestone_updates) = 'array'),
    attachments        jsonb       not null default '[]' check (jsonb_typeof(attachments) = 'array'),
    warnings           jsonb       not null default '[]' check (jsonb_typeof(warnings) = 'array'),
    status             text        not null check (status in ('submitted', 'accepted', 'returned')),
    first_submitted_at timestamptz not null,
    submitted_at       timestamptz not null,
    submitted_by       text,
    late               boolean     not null,                -- first submitted after the period's grace days
    reviewed_at        timestamptz,
    reviewed_by        text,
    review_comment     text,
    version            bigint      not null check (version >= 1),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    updated_by         text,
    unique (task_id, period, unit_id)
);

create index progress_report_period on progress_report (period, unit_id, task_id);
