-- Which outbox rows the relay still has to publish, kept apart from outbox_event (docs/design.md §5.2).
--
-- Why: marking a row published used to change a column that two indexes depend on (the partial index of pending
-- rows and the index on published_at), so every mark wrote a new row version plus an entry in each index of the
-- table, the random event_id index included. With no index depending on published_at, the mark is a heap-only
-- (HOT) update on the row's own page, which the table's fill factor leaves room for; the relay finds its work in
-- this narrow table instead. Repeatable and written to run again safely, like R__outbox_parked.sql.

create table if not exists outbox_pending (
    seq bigint primary key
);

-- Every row an INSERT adds to outbox_event is pending (new events, and a parked row put back by a re-drive); one
-- set-based insert per statement, so a bulk write of thousands of events adds one statement, not one per row.
create or replace function outbox_pending_add() returns trigger language plpgsql as $$
begin
    insert into ${flyway:defaultSchema}.outbox_pending (seq) select seq from inserted;
    return null;
end
$$;

drop trigger if exists outbox_pending_add on outbox_event;
create trigger outbox_pending_add after insert on outbox_event referencing new table as inserted
    for each statement execute function outbox_pending_add();

-- Rows still unpublished when this first runs (an upgrade). A relay of the previous version may mark some of them
-- published meanwhile: the relay reads only rows still unpublished, and its hourly clean-up drops such entries.
insert into outbox_pending (seq) select seq from outbox_event where published_at is null on conflict do nothing;

-- Room on each page for a new version of every row on it: an outbox row (≈ 0.4 KB) is marked once, and the whole
-- page's rows usually in the same statement, before the old versions can be pruned. Applies to pages written from now on.
alter table outbox_event set (fillfactor = 50);

drop index if exists outbox_event_pending;
drop index if exists outbox_event_published;
-- The hourly clean-up deletes by published_at; rows are marked roughly in seq order, so a block range index serves
-- it, and since PostgreSQL 16 a BRIN index does not stop an update from being heap-only.
create index if not exists outbox_event_published_brin on outbox_event using brin (published_at);
