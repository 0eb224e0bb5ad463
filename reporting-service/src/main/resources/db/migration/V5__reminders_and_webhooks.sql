-- Reminders (issue 15): what a scan found, one row per (kind, subject, recipient, business day). The unique key, not
-- the scan's memory, keeps a second scan of the same day (on this or another instance) from issuing anything twice.
-- Reminders are history: the runtime role may add them, never change or remove one (insertOnlyTables).
create table reminder (
    id            uuid primary key,
    kind          text not null,
    subject_type  text not null,
    subject_id    text not null,
    recipient     text not null,
    business_day  date not null,
    region_code   text not null,
    unit_id       text,
    period        text,
    due_date      date,
    issued_at     timestamptz not null,
    data          jsonb not null,
    constraint reminder_once_a_day unique (kind, subject_id, recipient, business_day)
);
create index reminder_region on reminder (region_code text_pattern_ops, issued_at desc);

-- Webhook subscriptions an office registers for its subtree. The secret is write-only (never answered); a deleted
-- subscription stays as a row (deleted_at) so its deliveries keep their history.
create table webhook_subscription (
    id          uuid primary key,
    region_code text not null,
    -- the LIKE pattern of the region codes in the subtree (RegionCode.subtreePattern): which reminders it hears about
    region_subtree text not null,
    name        text not null,
    url         text not null,
    kinds       text[] not null,
    format      text not null,
    secret      text,
    version     bigint not null,
    created_at  timestamptz not null,
    created_by  text not null,
    updated_at  timestamptz not null,
    updated_by  text not null,
    deleted_at  timestamptz,
    deleted_by  text
);
create index webhook_subscription_region on webhook_subscription (region_code text_pattern_ops) where deleted_at is null;

-- One delivery per (subscription, reminder): pending until the receiver answers 2xx (delivered) or the attempts run
-- out (dead, re-drivable). next_attempt_at carries the backoff and quiet hours; a worker claims due rows with
-- FOR UPDATE SKIP LOCKED and pushes next_attempt_at past its own call, so two instances never send one row twice.
create table webhook_delivery (
    id              uuid primary key,
    subscription_id uuid not null references webhook_subscription (id),
    reminder_id     uuid not null references reminder (id),
    status          text not null,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    redriven_at     timestamptz,
    redriven_by     text,
    constraint webhook_delivery_once unique (subscription_id, reminder_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_status on webhook_delivery (status, created_at desc);
