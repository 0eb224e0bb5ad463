-- Soft delete of a registration made in error (issue 12): the row, its status history and its audit records stay;
-- lists, coverage, imports and host lookups skip it, and a read by id answers 404.
set search_path = facility, public;

alter table facility
    add column deleted_at      timestamptz,
    add column deleted_by      text,
    add column deletion_reason text check (deletion_reason is null or length(deletion_reason) between 1 and 500),
    add constraint facility_deleted_with_reason check ((deleted_at is null) = (deletion_reason is null));

-- An externalId is unique among the live facilities only: a provincial system may register the place again after
-- the registration made in error was deleted.
alter table facility drop constraint facility_external_id_key;
create unique index facility_external_id_live on facility (external_id) where deleted_at is null;

-- The status history is kept with the deleted facility: no cascade.
alter table facility_status_change drop constraint facility_status_change_facility_id_fkey;
alter table facility_status_change add constraint facility_status_change_facility_id_fkey
    foreign key (facility_id) references facility (id);
