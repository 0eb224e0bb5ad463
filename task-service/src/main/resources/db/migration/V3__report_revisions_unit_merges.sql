-- Issue 12 (no lost history): every version of a progress report is kept (a correction no longer overwrites the
-- earlier text, and a later review no longer drops the comment of an earlier one); a report remembers who first
-- filed it (four eyes: who filed or last corrected a report cannot accept it); a unit merge keeps the absorbed unit,
-- marked merged into the survivor, instead of deleting it.
set search_path = task, public;

alter table progress_report add column filed_by text;
update progress_report set filed_by = submitted_by where filed_by is null;

create table progress_report_revision (
    report_id          uuid        not null references progress_report (id),
    version            bigint      not null check (version >= 1),
    unit_id            uuid        not null references unit (id),
    body               text        not null,
    percent_complete   integer     not null,
    milestone_updates  jsonb       not null,
    attachments        jsonb       not null,
    warnings           jsonb       not null,
    status             text        not null,
    submitted_at       timestamptz not null,
    submitted_by       text,
    reviewed_at        timestamptz,
    reviewed_by        text,
    review_comment     text,
    changed_at         timestamptz not null,
    changed_by         text,
    change             text        not null check (change in ('filed', 'corrected', 'accepted', 'returned', 'moved', 'existing')),
    primary key (report_id, version)
);

-- The reports filed before this migration: their current state is the first revision kept.
insert into progress_report_revision (report_id, version, unit_id, body, percent_complete, milestone_updates, attachments,
        warnings, status, submitted_at, submitted_by, reviewed_at, reviewed_by, review_comment, changed_at, changed_by, change)
select id, version, unit_id, body, percent_complete, milestone_updates, attachments, warnings, status, submitted_at,
       submitted_by, reviewed_at, reviewed_by, review_comment, updated_at, updated_by, 'existing'
from progress_report;

alter table unit add column merged_into uuid references unit (id);
alter table unit add column merged_at timestamptz;
alter table unit add column merged_by text;
alter table unit add check ((merged_into is null) = (merged_at is null));
create index unit_merged_into on unit (merged_into) where merged_into is not null;
