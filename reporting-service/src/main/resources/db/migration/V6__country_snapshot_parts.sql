-- Issue 16: the country snapshot. Its parent row (region_code 'CN') in snapshot holds the summed summary; each
-- province's complete view is one part here, written in its own transaction as soon as it is computed (the whole
-- country never sits in memory). counts says how many items each long list of the part holds, so that a page of
-- /snapshots/{id}/uncovered|warnings|units reads only the parts it spans. No foreign key to snapshot: the parts are
-- written before their parent, which appears (with its audit record) only once every province is stored.
create table snapshot_part (
    snapshot_id uuid    not null,
    position    integer not null,
    region_code text    not null,
    counts      jsonb   not null,
    content     jsonb   not null,
    primary key (snapshot_id, position)
);
