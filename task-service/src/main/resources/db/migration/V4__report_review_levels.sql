-- Issue 15 (reporting discipline): progress reports keep the submit/accept/return states they have, now visible per
-- level of the region hierarchy. A review records the level the reviewer acted from (their token's region level, or
-- nationwide), so a city's acceptance of a county's report is told apart from the county office's own. Kept in the
-- revisions too, so every earlier review keeps its level. Reports reviewed before this migration have none (null).
set search_path = task, public;

alter table progress_report add column reviewed_level text
    check (reviewed_level in ('nationwide', 'province', 'prefecture', 'county', 'township', 'village'));
alter table progress_report_revision add column reviewed_level text;

-- A report filed or corrected after its period closed for entry (period locks) names, in its revision, the period
-- lock exception it was written under (common's period_lock_exception, db/discipline; a repeatable migration that
-- runs after this one, hence no foreign key).
alter table progress_report_revision add column lock_exception_id uuid;
