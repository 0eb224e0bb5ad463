-- The near search's index expression, in a function of our own that fixes its search_path (issue 16).
--
-- autovacuum analyzes a table with search_path = pg_catalog (and since PostgreSQL 17 so do ANALYZE, VACUUM and
-- REINDEX run by hand). earthdistance 1.1's ll_to_earth is an SQL function whose body names earth() and the earth
-- type without a schema, so evaluating the old index expression public.ll_to_earth(lat, lng) there failed ("type
-- earth does not exist") and facility's statistics were never refreshed by autovacuum. The SET clause gives the body
-- the schema it needs whoever calls it; it also keeps the function from being inlined, which the index does not need.
create function facility_geo_point(lat double precision, lng double precision) returns public.earth
    language sql immutable strict parallel safe
    set search_path = public, pg_catalog
    as $$ select public.ll_to_earth(lat, lng) $$;

create index facility_geo_point on facility using gist (facility_geo_point(lat, lng));
drop index facility_geo;
