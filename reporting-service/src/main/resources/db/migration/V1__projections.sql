-- Projections of the event streams (docs/events.md). Every table keeps the event's whole state in data, the aggregate
-- version last applied (an event applies only when its version is newer), a deleted flag (a *.deleted event keeps the
-- row as a marker with its version, so that an older changed event delivered late cannot bring it back) and where
-- the event came from. The columns the queries filter on are generated from data.

create table region_projection (
    id           text primary key,
    version      bigint  not null,
    deleted      boolean not null default false,
    data         jsonb   not null,
    event_type   text    not null,
    kafka_topic  text    not null,
    kafka_partition integer not null,
    kafka_offset bigint  not null,
    applied_at   timestamptz not null default now(),
    parent_code  text generated always as (data->>'parentCode') stored,
    level        text generated always as (data->>'level') stored
);
create index region_projection_parent on region_projection (parent_code);
create index region_projection_level on region_projection (level, id text_pattern_ops);

create table facility_projection (like region_projection including defaults including generated);
alter table facility_projection drop column parent_code, drop column level;
alter table facility_projection add primary key (id);
alter table facility_projection add column facility_type text generated always as (data->>'type') stored;
alter table facility_projection add column region_code text generated always as (data->>'regionCode') stored;
create index facility_projection_region on facility_projection (facility_type, region_code text_pattern_ops);

create table indicator_projection (like facility_projection including defaults including generated);
alter table indicator_projection drop column facility_type, drop column region_code;
alter table indicator_projection add primary key (id);

create table target_projection (like indicator_projection including defaults including generated);
alter table target_projection add primary key (id);
alter table target_projection add column region_code text generated always as (data->>'regionCode') stored;
alter table target_projection add column indicator_code text generated always as (data->>'indicatorCode') stored;
create index target_projection_region on target_projection (region_code text_pattern_ops);

create table observation_projection (like indicator_projection including defaults including generated);
alter table observation_projection add primary key (id);
alter table observation_projection add column region_code text generated always as (data->>'regionCode') stored;
alter table observation_projection add column indicator_code text generated always as (data->>'indicatorCode') stored;
create index observation_projection_region on observation_projection (region_code, indicator_code);

create table plan_projection (like indicator_projection including defaults including generated);
alter table plan_projection add primary key (id);
alter table plan_projection add column region_code text generated always as (data->>'regionCode') stored;
create index plan_projection_region on plan_projection (region_code text_pattern_ops);

create table task_projection (like plan_projection including defaults including generated);
alter table task_projection add primary key (id);
create index task_projection_region on task_projection (region_code text_pattern_ops);

create table milestone_projection (like plan_projection including defaults including generated);
alter table milestone_projection add primary key (id);
create index milestone_projection_region on milestone_projection (region_code text_pattern_ops);

create table progress_report_projection (like plan_projection including defaults including generated);
alter table progress_report_projection add primary key (id);
create index progress_report_projection_region on progress_report_projection (region_code text_pattern_ops);

create table unit_projection (like plan_projection including defaults including generated);
alter table unit_projection add primary key (id);

-- The highest offset applied per topic partition (written in the same transaction as the projection): the event
-- positions a snapshot reflects.
create table consumer_position (
    kafka_topic     text    not null,
    kafka_partition integer not null,
    kafka_offset    bigint  not null,
    updated_at      timestamptz not null default now(),
    primary key (kafka_topic, kafka_partition)
);

create table snapshot (
    id          uuid primary key,
    region_code text        not null,
    period      text        not null,
    as_of       date        not null,
    created_at  timestamptz not null,
    created_by  text,
    content     jsonb       not null
);
create index snapshot_region_period on snapshot (region_code, period, created_at desc);
