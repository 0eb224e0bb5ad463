-- The facility register (issue 2): type, place, WGS-84 position, lifecycle with history, checklist result.
set search_path = facility, public;

create table facility (
    id                  uuid primary key,
    type_code           text        not null references facility_type (code),
    name                text        not null check (length(name) between 1 and 200),
    region_code         varchar(12) not null references region (code),
    address             text,
    lat                 double precision check (lat between -90 and 90),   -- WGS-84
    lng                 double precision check (lng between -180 and 180),
    status              text        not null
        check (status in ('planned', 'under-construction', 'open', 'suspended', 'closed')),
    status_since        date,
    opened_on           date,
    closed_on           date,
    certification_level text check (certification_level in ('county', 'prefecture', 'province')),
    host_facility_id    uuid references facility (id),
    attributes          jsonb       not null default '{}' check (jsonb_typeof(attributes) = 'object'),
    checklist           jsonb       not null default '{}' check (jsonb_typeof(checklist) = 'object'),
    meets_standard      boolean     not null,
    standard_gaps       jsonb       not null default '[]' check (jsonb_typeof(standard_gaps) = 'array'),
    host_required       boolean,                                           -- public places only (HostRule)
    external_id         text unique,                                       -- id in a provincial system (import upsert)
    generated           boolean     not null default false,
    version             bigint      not null check (version >= 1),
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    updated_by          text,
    check ((lat is null) = (lng is null)),
    check (opened_on is null or closed_on is null or opened_on <= closed_on)
);

-- Coverage and filtered lists: one facility type, its open ones, within a region subtree (code prefix).
create index facility_type_status_region on facility (type_code, status, region_code varchar_pattern_ops);
create index facility_region on facility (region_code varchar_pattern_ops);
-- Public places obliged to host a 母婴室, and the rooms naming them.
create index facility_host on facility (host_facility_id) where host_facility_id is not null;
-- near=lat,lng,radius: earth_box(...) @> ll_to_earth(lat, lng) is answered by this GiST index (cube + earthdistance).
create index facility_geo on facility using gist (public.ll_to_earth(lat, lng));

create table facility_status_change (
    id          bigserial primary key,
    facility_id uuid        not null references facility (id) on delete cascade,
    from_status text,                                -- null for the registration
    to_status   text        not null,
    changed_on  date        not null,
    reason      text,
    changed_by  text,
    recorded_at timestamptz not null default now()
);

create index facility_status_change_facility on facility_status_change (facility_id, id);
