-- Period lock exceptions (例外, issue 15): a coordinator of a higher level lets writes of one region (and its subtree)
-- for one closed period through, for a data set or all of them, until valid_until. Only in the services that keep
-- locks (cfc.discipline.lock-exceptions.enabled: indicator-service, task-service, with db/discipline among their
-- Flyway locations). Repeatable and written to run again safely, like db/common's R__ files, so that it applies after
-- each service's own versioned migrations whatever their numbers.
create table if not exists period_lock_exception (
    id            uuid        primary key,
    region_code   text        not null check (region_code ~ '^[0-9]{12}$'),
    period        text        not null check (period ~ '^[0-9]{4}(H[12])?$'),
    -- null: every data set of the period (indicator domains, progress-reports)
    data_set      text        check (length(data_set) between 1 and 100),
    valid_until   timestamptz not null,
    reason        text        not null check (length(reason) between 1 and 500),
    granted_by    text        not null,
    granted_at    timestamptz not null,
    revoked_at    timestamptz,
    revoked_by    text,
    revoke_reason text        check (length(revoke_reason) between 1 and 500),
    check ((revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoke_reason is null))
);

-- The guard asks for the live exceptions of a period for a region and its ancestors; lists go by region prefix.
create index if not exists period_lock_exception_period on period_lock_exception (period, region_code)
    where revoked_at is null;
create index if not exists period_lock_exception_region on period_lock_exception (region_code text_pattern_ops, granted_at);
