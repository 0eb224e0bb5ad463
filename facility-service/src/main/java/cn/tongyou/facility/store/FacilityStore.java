package cn.tongyou.facility.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The facility register: entity access (with the status history) through Panache, filtered and geo lists through SQL (the earthdistance
 * index), and the region lookups facilities need (existence, level, retirement) straight from the region table.
 */
@ApplicationScoped
public class FacilityStore implements PanacheRepositoryBase<FacilityEntity, UUID> {

    @Inject
    Jdbc jdbc;

    @Inject
    DataSource dataSource;

    private static final String READ_FACILITY = "select id, type_code, name, region_code, address, lat, lng, status,"
            + " status_since, opened_on, closed_on, certification_level, host_facility_id, attributes, checklist,"
            + " meets_standard, standard_gaps, host_required, external_id, generated, deleted_at, deleted_by,"
            + " deletion_reason, version, created_at, updated_at, updated_by from facility where id = ?";
    private static final String READ_HISTORY = "select from_status, to_status, changed_on, reason, changed_by, recorded_at"
            + " from facility_status_change where facility_id = ? order by id";

    /** A facility as stored, with its lifecycle oldest first. */
    public record Stored(FacilityEntity facility, List<FacilityStatusChangeEntity> history) {
    }

    /** What a facility needs to know about a region. */
    public record RegionRef(String code, String name, int level, LocalDate validTo) {
        public boolean retired() {
            return validTo != null;
        }
    }

    /** A facility referred to by another (host), or found by external id. */
    public record FacilityRef(UUID id, String typeCode, String externalId, String regionCode) {
    }

    /** Filters of the list; null or empty means no filter. */
    public record ListFilter(String regionPattern, String typeCode, List<String> statuses, boolean includeClosed,
                             String externalId, Near near) {
    }

    /** {@code near=lat,lng,radius} (WGS-84 degrees, metres). */
    public record Near(double lat, double lng, double radiusMeters) {
    }

    /** One row of a list page: the facility id and, for a {@code near} search, its distance. */
    public record Hit(UUID id, Double distanceMeters) {
    }

    /** Loads the row and locks it until the transaction ends, so concurrent writers queue and see each other's version. */
    public Optional<FacilityEntity> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A live facility (not deleted) and its lifecycle, for a read by id: plain JDBC on one pooled connection, the same
     * two statements as through the entity manager without its persistence context and query translation, which
     * cost half of a GET's CPU time (issue 16's profile). Outside a transaction, as before, each statement sees
     * the latest commit.
     */
    public Optional<Stored> readLive(UUID id) {
        try (Connection connection = dataSource.getConnection()) {
            FacilityEntity[] found = new FacilityEntity[1];
            Jdbc.forEach(connection, READ_FACILITY, List.of(id), row -> found[0] = facility(row));
            if (found[0] == null || found[0].deleted()) {
                return Optional.empty();
            }
            List<FacilityStatusChangeEntity> history = new ArrayList<>();
            Jdbc.forEach(connection, READ_HISTORY, List.of(id), row -> history.add(statusChange(id, row)));
            return Optional.of(new Stored(found[0], history));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read facility " + id, e);
        }
    }

    private static FacilityEntity facility(ResultRow row) throws SQLException {
        FacilityEntity f = FacilityImportStore.read(row);
        f.deletedAt = row.instant("deleted_at");
        f.deletedBy = row.string("deleted_by");
        f.deletionReason = row.string("deletion_reason");
        return f;
    }

    private static FacilityStatusChangeEntity statusChange(UUID facilityId, ResultRow row) throws SQLException {
        FacilityStatusChangeEntity change = new FacilityStatusChangeEntity();
        change.facilityId = facilityId;
        change.fromStatus = row.string("from_status");
        change.toStatus = row.string("to_status");
        change.changedOn = row.date("changed_on");
        change.reason = row.string("reason");
        change.changedBy = row.string("changed_by");
        change.recordedAt = row.instant("recorded_at");
        return change;
    }

    /** The facility's lifecycle, oldest first. */
    public List<FacilityStatusChangeEntity> history(UUID facilityId) {
        return getEntityManager().createQuery("from FacilityStatusChangeEntity where facilityId = ?1 order by id",
                FacilityStatusChangeEntity.class).setParameter(1, facilityId).getResultList();
    }

    public void record(FacilityStatusChangeEntity change) {
        getEntityManager().persist(change);
    }

    public List<FacilityEntity> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, FacilityEntity> byId = list("id in ?1", ids).stream()
                .collect(Collectors.toMap(f -> f.id, Function.identity()));
        List<FacilityEntity> ordered = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            FacilityEntity entity = byId.get(id);
            if (entity != null) {
                ordered.add(entity);
            }
        }
        return ordered;
    }

    /** The live facilities (not deleted) naming {@code hostId} as their host. */
    public long countHosted(UUID hostId) {
        return count("hostFacilityId = ?1 and deletedAt is null", hostId);
    }

    public Optional<FacilityRef> refByExternalId(String externalId) {
        Map<String, FacilityRef> found = refsByExternalIds(List.of(externalId));
        return Optional.ofNullable(found.get(externalId));
    }

    public Optional<RegionRef> region(String code) {
        return Optional.ofNullable(regions(List.of(code)).get(code));
    }

    /** The regions among {@code codes} that exist (retired ones included). */
    public Map<String, RegionRef> regions(Collection<String> codes) {
        Map<String, RegionRef> result = new HashMap<>();
        if (codes.isEmpty()) {
            return result;
        }
        jdbc.forEach("select code, name, level, valid_to from region where code = any(?)", List.of(SqlArray.text(codes)),
                row -> result.put(row.string("code"), new RegionRef(row.string("code"), row.string("name"),
                        row.intValue("level"), row.date("valid_to"))));
        return result;
    }

    /** The non-retired regions whose parent is {@code parentCode}, by code. */
    public List<RegionRef> childRegions(String parentCode) {
        return jdbc.list("select code, name, level from region where parent_code = ? and valid_to is null order by code",
                List.of(parentCode), row -> new RegionRef(row.string("code"), row.string("name"), row.intValue("level"), null));
    }

    public Map<String, FacilityRef> refsByExternalIds(Collection<String> externalIds) {
        Map<String, FacilityRef> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        jdbc.forEach("select id, type_code, external_id, region_code from facility where external_id = any(?)"
                + " and deleted_at is null",
                List.of(SqlArray.text(externalIds)), row -> {
                    FacilityRef ref = ref(row);
                    result.put(ref.externalId(), ref);
                });
        return result;
    }

    public Map<UUID, FacilityRef> refsByIds(Collection<UUID> ids) {
        Map<UUID, FacilityRef> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.forEach("select id, type_code, external_id, region_code from facility where id = any(?)"
                + " and deleted_at is null",
                List.of(SqlArray.uuid(ids)), row -> {
                    FacilityRef ref = ref(row);
                    result.put(ref.id(), ref);
                });
        return result;
    }

    private static FacilityRef ref(ResultRow row) throws SQLException {
        return new FacilityRef(row.uuid("id"), row.string("type_code"), row.string("external_id"), row.string("region_code"));
    }

    /** One page of ids matching {@code filter}: by distance for a near search, else by region, name and id. */
    public List<Hit> search(ListFilter filter, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select f.id");
        if (filter.near() != null) {
            sql.append(", public.earth_distance(facility_geo_point(?, ?), facility_geo_point(f.lat, f.lng)) as distance");
            params.add(filter.near().lat());
            params.add(filter.near().lng());
        }
        sql.append(" from facility f");
        where(filter, sql, params);
        sql.append(filter.near() != null ? " order by distance, f.id" : " order by f.region_code, f.name, f.id");
        sql.append(" limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.list(sql.toString(), params, row -> new Hit(row.uuid("id"),
                filter.near() != null ? row.doubleOrNull("distance") : null));
    }

    public long count(ListFilter filter) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select count(*) from facility f");
        where(filter, sql, params);
        return jdbc.count(sql.toString(), params);
    }

    private static void where(ListFilter filter, StringBuilder sql, List<Object> params) {
        sql.append(" where f.deleted_at is null");
        if (filter.regionPattern() != null) {
            sql.append(" and f.region_code like ?");
            params.add(filter.regionPattern());
        }
        if (filter.typeCode() != null) {
            sql.append(" and f.type_code = ?");
            params.add(filter.typeCode());
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            sql.append(" and f.status in (").append(String.join(", ", java.util.Collections.nCopies(filter.statuses().size(), "?")))
                    .append(")");
            params.addAll(filter.statuses());
        } else if (!filter.includeClosed()) {
            sql.append(" and f.status <> 'closed'");
        }
        if (filter.externalId() != null) {
            sql.append(" and f.external_id = ?");
            params.add(filter.externalId());
        }
        if (filter.near() != null) {
            Near near = filter.near();
            // The box test uses the GiST index on facility_geo_point(lat, lng) (V11); the distance test trims the box's corners.
            sql.append(" and public.earth_box(facility_geo_point(?, ?), ?) @> facility_geo_point(f.lat, f.lng)")
                    .append(" and public.earth_distance(facility_geo_point(?, ?), facility_geo_point(f.lat, f.lng)) <= ?");
            params.add(near.lat());
            params.add(near.lng());
            params.add(near.radiusMeters());
            params.add(near.lat());
            params.add(near.lng());
            params.add(near.radiusMeters());
        }
    }
}
