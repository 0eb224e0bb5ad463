-- Data quality (issue 15): validation rules as data, and the findings of rule checks, bounds and outlier scores with
-- their follow-up (open → resolved when the check passes again, or cleared by a coordinator with a comment).
set search_path = indicator, public;

-- Left side, operator, right side over indicator values of one region and period (DHIS2-like expressions, see
-- domain/quality/Expression). Rules are never deleted: a deleted rule keeps its row (who, when) and its code.
create table validation_rule (
    code           text primary key check (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name           text        not null check (length(name) between 1 and 200),
    description    text check (description is null or length(description) <= 2000),
    left_side      text        not null check (length(left_side) between 1 and 1000),
    operator       text        not null check (operator in ('==', '!=', '<', '<=', '>', '>=')),
    right_side     text        not null check (length(right_side) between 1 and 1000),
    importance     text        not null check (importance in ('high', 'medium', 'low')),
    blocking       boolean     not null,
    missing_values text        not null check (missing_values in ('skip-if-any-missing', 'skip-if-all-missing', 'never-skip')),
    version        bigint      not null check (version >= 1),
    created_at     timestamptz not null,
    created_by     text        not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    deleted_at     timestamptz,
    deleted_by     text
);

create table quality_finding (
    id              uuid primary key,
    kind            text        not null check (kind in ('rule', 'bounds', 'outlier')),
    rule_code       text,
    -- the rule's code, or the indicator's for an outlier: one finding per (kind, subject, region, period)
    subject         text        not null,
    importance      text        not null check (importance in ('high', 'medium', 'low')),
    blocking        boolean     not null,
    region_code     varchar(12) not null check (region_code ~ '^[0-9]{12}$'),
    period          varchar(6)  not null check (period ~ '^[0-9]{4}(H[12])?$'),
    indicator_codes text[]      not null,
    "values"        jsonb       not null check (jsonb_typeof("values") = 'array'),
    message         text        not null,
    message_zh      text        not null,
    score           double precision,
    status          text        not null check (status in ('open', 'resolved', 'cleared')),
    detected_at     timestamptz not null,
    updated_at      timestamptz not null,
    cleared_by      text,
    cleared_at      timestamptz,
    comment         text check (comment is null or length(comment) between 1 and 2000),
    version         bigint      not null check (version >= 1),
    unique (kind, subject, region_code, period),
    check ((status = 'cleared') = (cleared_by is not null and comment is not null))
);

create index quality_finding_region on quality_finding (region_code varchar_pattern_ops, period, status);
create index quality_finding_indicator on quality_finding using gin (indicator_codes);

-- Seed: checks that follow from the definitions of the catalogue's own indicators, so they hold in every region and
-- period (docs/discipline/quality.md says why each was chosen).
insert into validation_rule (code, name, description, left_side, operator, right_side, importance, blocking, missing_values,
                             version, created_at, created_by, updated_at, updated_by)
values
    ('neonatal-within-infant-mortality', '新生儿死亡率不高于婴儿死亡率',
     'Neonatal deaths (first 28 days) are infant deaths (first year), over the same live births: the neonatal rate cannot exceed the infant rate.',
     '#{neonatal-mortality-rate}', '<=', '#{infant-mortality-rate}', 'high', true, 'skip-if-any-missing',
     1, now(), 'migration V7', now(), 'migration V7'),
    ('infant-within-under-5-mortality', '婴儿死亡率不高于5岁以下儿童死亡率',
     'Infant deaths are deaths under 5, over the same live births: the infant rate cannot exceed the under-5 rate.',
     '#{infant-mortality-rate}', '<=', '#{under-5-mortality-rate}', 'high', true, 'skip-if-any-missing',
     1, now(), 'migration V7', now(), 'migration V7'),
    ('drowning-within-injury-mortality', '儿童溺水死亡率不高于儿童伤害死亡率',
     'Drowning is one cause of injury death, over the same child population: the drowning rate cannot exceed the injury rate.',
     '#{child-drowning-mortality-rate}', '<=', '#{child-injury-mortality-rate}', 'high', true, 'skip-if-any-missing',
     1, now(), 'migration V7', now(), 'migration V7'),
    ('same-live-births-neonatal-infant', '新生儿死亡率与婴儿死亡率的活产数一致',
     'Both rates are per live births of the same region and period: their denominators should be the same count. A warning: the two figures may come from reports closed on different days.',
     '#{neonatal-mortality-rate.denominator}', '==', '#{infant-mortality-rate.denominator}', 'medium', false, 'skip-if-any-missing',
     1, now(), 'migration V7', now(), 'migration V7');
