-- The indicator catalogue (issue 3): domains as data, indicators with unit, value type, direction and how obtained.
set search_path = indicator, public;

-- 领域: the five 友好 domains, 儿童参与友好, the seven fields of a 儿童发展规划 … (data, never an enum)
create table domain (
    name       text primary key,
    name_en    text,
    framework  text    not null,                 -- child-friendly-city | child-development-plan | other
    ordinal    integer not null,
    created_at timestamptz not null default now()
);

create table indicator (
    code              text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name              text        not null check (length(name) between 1 and 200),
    name_en           text,
    -- the name normalised (full-width → ASCII, whitespace and book-title marks removed) and its known spellings, so
    -- that the same indicator quoted by several plans is one indicator
    match_key         text        not null unique,
    aliases           text[]      not null default '{}',
    domain            text        not null references domain (name),
    unit              text,
    value_type        text        not null check (value_type in ('number', 'percentage', 'per-mille', 'count', 'boolean', 'text')),
    direction         text        not null check (direction in ('increase', 'decrease', 'target', 'none')),
    precision         smallint    not null check (precision between 0 and 6),
    departments       text[]      not null default '{}',
    obtained          text        not null check (obtained in ('reported', 'computed', 'derived')),
    -- computed: value = numerator ÷ denominator × scale
    scale             integer check (scale in (100, 1000, 10000, 100000)),
    numerator_label   text,
    denominator_label text,
    -- false for gross rates (毛入园率) whose numerator may exceed the denominator
    bounded           boolean     not null default true,
    -- derived from facilities: measure of a facility type at a level (kept as data; the value comes from facility data)
    facility_type     text,
    measure           text check (measure in ('coverage', 'count')),
    scope_level       text check (scope_level in ('province', 'prefecture', 'county', 'township', 'village')),
    area              text check (area in ('urban', 'rural')),
    host_based        boolean     not null default false,
    period_types      text[]      not null,
    description       text,
    sources           jsonb       not null default '[]' check (jsonb_typeof(sources) = 'array'),
    version           bigint      not null check (version >= 1),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    updated_by        text,
    check ((obtained = 'computed') = (scale is not null)),
    check ((obtained = 'derived') = (facility_type is not null and measure is not null))
);

create index indicator_domain on indicator (domain, code);
