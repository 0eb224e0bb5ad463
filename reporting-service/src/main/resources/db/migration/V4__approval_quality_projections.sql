-- Projections of the two discipline streams of indicator-service (issue 15): approvals up the hierarchy
-- (cfc.approvals, id = region:period) and data-quality findings (cfc.quality-findings, id = finding id). Same shape as
-- the other projections (V1): the whole state in data, the version last applied, where it came from.
create table approval_projection (like indicator_projection including defaults including generated);
alter table approval_projection add primary key (id);
alter table approval_projection add column region_code text generated always as (data->>'region') stored;
alter table approval_projection add column period text generated always as (data->>'period') stored;
create index approval_projection_subtree on approval_projection (period, region_code text_pattern_ops);

create table quality_finding_projection (like indicator_projection including defaults including generated);
alter table quality_finding_projection add primary key (id);
alter table quality_finding_projection add column region_code text generated always as (data->>'region') stored;
alter table quality_finding_projection add column period text generated always as (data->>'period') stored;
alter table quality_finding_projection add column status text generated always as (data->>'status') stored;
create index quality_finding_projection_subtree on quality_finding_projection (period, status, region_code text_pattern_ops);

-- Completeness reads every observation and unit of a subtree by code prefix (the V1 indexes serve equality only).
create index observation_projection_subtree on observation_projection (region_code text_pattern_ops);
create index unit_projection_subtree on unit_projection (region_code text_pattern_ops);
