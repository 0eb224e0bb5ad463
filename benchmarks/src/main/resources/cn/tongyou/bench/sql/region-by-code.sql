-- GET /api/v1/regions/{code}: the statements facility-service ran per request (log_statement=all, 2026-12-03,
-- commit ce37ab9): the region, its ancestors by their codes (a text[] the service derives from the code's digits),
-- the count of its current children; autocommit. The cast says what the driver says by binding a text[] (without it
-- PostgreSQL would read a parenthesised subquery in any() as a set). The service runs them unqualified in its schema (search_path
-- facility); here they are qualified. :key is the random county code, :ancestors its province and prefecture codes.
select code, name, parent_code, urban_rural_code, urban_rural, urban_rural_source, valid_from, valid_to, generated, version from facility.region where code = :key;
select code, name, parent_code, urban_rural_code, urban_rural, urban_rural_source, valid_from, valid_to, generated, version from facility.region where code = any(:ancestors::text[]);
select count(*) from facility.region where parent_code = :key and valid_to is null;
