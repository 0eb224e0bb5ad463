-- Targets per (indicator, region, year), the region's own (local) beside the national/provincial/prefecture ones it quotes.
set search_path = indicator, public;

create table target (
    id                 uuid primary key,
    indicator_code     text        not null references indicator (code),
    region_code        varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    year               integer     not null check (year between 2000 and 2100),
    level              text        not null check (level in ('local', 'prefecture', 'provincial', 'national')),
    kind               text        not null check (kind in ('>=', '>', '<=', '<', '==', 'range', 'bool', 'increase',
                                                            'decrease', 'reduce-pct-from-baseline', 'reduce-pp-per-year',
                                                            'qualitative')),
    value              numeric,
    value_max          numeric,
    bool_value         boolean,
    baseline_year      integer,
    reference          text check (reference in ('previous', 'baseline')),
    text               text,                               -- as written: "<2", "力争100", "以2020年为基数下降20%"
    note               text,
    responsible_units  text[]      not null default '{}',
    source_document    text,
    source_kind        text check (source_kind in ('indicator-table', 'reference', 'milestone', 'facility-target', 'api')),
    source_number      text,                               -- indicator or task number in the document
    source_quote       text,
    year_inferred      boolean     not null default false,
    assessment_verdict text check (assessment_verdict in ('MET', 'NOT_MET', 'ON_TRACK', 'AT_RISK')),
    assessment_reason  text,
    assessed_by        text,
    assessed_at        timestamptz,
    version            bigint      not null check (version >= 1),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    updated_by         text,
    unique (indicator_code, region_code, year, level),
    check (baseline_year is null or baseline_year < year)
);

create index target_region_year on target (region_code varchar_pattern_ops, year);
create index target_year_region on target (year, region_code);
