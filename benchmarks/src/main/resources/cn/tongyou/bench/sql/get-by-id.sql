-- GET /api/v1/facilities/{id}: the statements facility-service runs per request (FacilityStore's READ_FACILITY and
-- READ_HISTORY since edefaff, plain JDBC on one connection; seen with log_min_duration_statement in the benchmark's
-- PostgreSQL log of 2026-12-05): the facility by id, then its status history; autocommit, no transaction around them.
-- :key is replaced by the random facility id (uuid), the same one in both.
select id, type_code, name, region_code, address, lat, lng, status, status_since, opened_on, closed_on, certification_level, host_facility_id, attributes, checklist, meets_standard, standard_gaps, host_required, external_id, generated, deleted_at, deleted_by, deletion_reason, version, created_at, updated_at, updated_by from facility.facility where id = :key;
select from_status, to_status, changed_on, reason, changed_by, recorded_at from facility.facility_status_change where facility_id = :key order by id;
