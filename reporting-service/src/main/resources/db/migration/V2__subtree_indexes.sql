-- A region's view reads its subtree by code prefix (id/region_code LIKE '410182%'): with text_pattern_ops a county's
-- 400 villages and their facilities are an index range instead of a scan of a province's 50,000 rows.
create index region_projection_subtree on region_projection (id text_pattern_ops);
create index facility_projection_subtree on facility_projection (region_code text_pattern_ops);
-- units are read for the scope and its children, like targets and tasks
create index unit_projection_region on unit_projection (region_code);
