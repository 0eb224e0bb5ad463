-- Extensions live in public so that every service of the database can share them (PostgreSQL contrib, no install).
create extension if not exists pg_trgm with schema public;
create extension if not exists cube with schema public;
create extension if not exists earthdistance with schema public;
set search_path = facility, public;

-- Regions: the statistical division codes (统计用区划代码), five levels, 12 digits.
create table region (
    code            varchar(12) primary key check (code ~ '^[0-9]{12}$'),
    name            text        not null,
    level           smallint    not null check (level between 1 and 5), -- 1 province … 5 village
    parent_code     varchar(12) references region (code),
    urban_rural_code varchar(3),                                        -- 城乡分类代码 of villages, when known
    valid_from      date,
    valid_to        date,                                               -- retired on this date; never reused
    generated       boolean     not null default false,                 -- generated for demos / load tests
    version         bigint      not null default 1,
    updated_at      timestamptz not null default now(),
    check ((level = 1) = (parent_code is null))
);

-- Subtree filters are prefix matches on the code (digits encode the ancestors).
create index region_code_prefix on region (code varchar_pattern_ops);
create index region_level_code on region (level, code varchar_pattern_ops);
create index region_parent on region (parent_code);
create index region_name_trgm on region using gin (name public.gin_trgm_ops);
