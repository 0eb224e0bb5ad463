-- Snapshot lists are scoped to the caller's subtree (region_code like '4101%'): a pattern index serves the prefix.
create index snapshot_region_subtree on snapshot (region_code text_pattern_ops, created_at desc);
