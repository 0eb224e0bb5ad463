-- Plans (建设方案), units (departments, 责任单位) with their spellings, tasks (建设任务) and who leads or joins them.
-- Versions are kept by the service (one per change, under a row lock); every change also writes an outbox event.
set search_path = task, public;

create table plan (
    id              uuid primary key,
    region_code     varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    region_name     text,                                   -- as the document names it (荥阳市); units are normalised with it
    title           text        not null check (length(title) between 1 and 300),
    kind            text        not null check (kind ~ '^[a-z][a-z0-9-]*$'),  -- construction-plan, development-plan … (data)
    document_number text,                                   -- 东昌政字〔2023〕8号
    issued_on       date,
    status          text        not null check (status in ('draft', 'in-force', 'superseded')),
    horizon_years   jsonb       not null default '[]' check (jsonb_typeof(horizon_years) = 'array'),
    domains         jsonb       not null default '[]' check (jsonb_typeof(domains) = 'array'),
    source_ref      text unique,                            -- the source document (catalogue "source"): identity of a re-import
    version         bigint      not null check (version >= 1),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    updated_by      text
);

create index plan_region on plan (region_code varchar_pattern_ops);

create table unit (
    id          uuid primary key,
    region_code varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    name        text        not null check (length(name) between 1 and 100),
    kind        text        not null check (kind in ('department', 'group')),
    version     bigint      not null check (version >= 1),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    updated_by  text
);

create index unit_region on unit (region_code varchar_pattern_ops, name);

-- Every spelling of a unit seen in a region, with its normalised key (UnitNames.key): 区文旅局 and 区文化和旅游局
-- share a key, 市资源自然规划局 is mapped to 市自然资源规划局's, and a coordinator may add spellings (which merges two
-- units). The service keeps one unit per key and region, under a per-region advisory lock.
create table unit_alias (
    region_code  varchar(12) not null,
    written_name text        not null,
    name_key     text        not null,
    unit_id      uuid        not null references unit (id) on delete cascade,
    primary key (region_code, written_name)
);

create index unit_alias_key on unit_alias (region_code, name_key);
create index unit_alias_unit on unit_alias (unit_id);

create table task (
    id          uuid primary key,
    plan_id     uuid        not null references plan (id),
    region_code varchar(12) not null,                       -- the plan's, copied for region-subtree filters
    ordinal     integer     not null,                       -- position in the plan
    number      text        not null check (length(number) between 1 and 30),
    domain      text        not null check (length(domain) between 1 and 50),
    section     text,
    title       text        not null check (length(title) between 1 and 300),
    summary     text,
    version     bigint      not null check (version >= 1),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    updated_by  text,
    -- 上街区's list restarts its numbering in every domain, so a number is unique only within its domain
    unique (plan_id, domain, number)
);

create index task_region on task (region_code varchar_pattern_ops, plan_id, ordinal);
create index task_plan on task (plan_id, ordinal);

create table task_unit (
    task_id      uuid    not null references task (id) on delete cascade,
    role         text    not null check (role in ('lead', 'participating')),
    unit_id      uuid    not null references unit (id),
    position     integer not null,
    written_name text    not null,                          -- the spelling in the plan, kept verbatim
    primary key (task_id, role, unit_id)
);

create index task_unit_unit on task_unit (unit_id, role);
