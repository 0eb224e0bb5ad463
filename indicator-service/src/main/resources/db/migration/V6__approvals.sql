-- Issue 15: a region's values for a period are approved level by level (county → prefecture → province by default,
-- cfc.discipline.approval-levels). One row per (region, period) once someone submitted; no row = open, version 0.
set search_path = indicator, public;

create table approval (
    region_code    varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    period         varchar(6)  not null check (period ~ '^[0-9]{4}(H[12])?$'),
    region_level   text        not null check (region_level in ('province', 'prefecture', 'county', 'township', 'village')),
    -- the level that accepts, as configured when the row was written; null: a nationwide token accepts
    acceptor_level text check (acceptor_level in ('province', 'prefecture', 'county', 'township')),
    status         text        not null check (status in ('open', 'submitted', 'returned', 'accepted')),
    version        bigint      not null check (version >= 1),
    updated_at     timestamptz not null,
    updated_by     text        not null,
    -- every step, oldest first: [{action, level, actor, at, comment, observations}]; the audit trail keeps each version
    history        jsonb       not null,
    primary key (region_code, period)
);

-- The lock check of every value write asks for the locking approvals of a few regions in one period.
create index approval_locking on approval (period, region_code) where status in ('submitted', 'accepted');

-- Timeliness (reporting-service): when a value was first handed in. Values handed in before this column existed get
-- the time of their first submission (or of their creation when entered submitted or approved).
alter table observation add column first_submitted_at timestamptz;
update observation o set first_submitted_at = r.at
from (select observation_id, min(at) as at from observation_revision
      where action = 'submitted' or (action = 'created' and status <> 'draft') group by observation_id) r
where r.observation_id = o.id;
