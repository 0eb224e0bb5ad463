package cn.tongyou.facility.store;

import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk side of the register: locks the rows an import chunk upserts and writes a chunk with one {@code unnest}
 * statement per statement kind (one round trip per chunk, not per row). Runs in the caller's transaction.
 */
@ApplicationScoped
public class FacilityImportStore {

    private static final ColumnBatch<FacilityEntity> FACILITIES = ColumnBatch.<FacilityEntity>builder()
            .uuid("id", f -> f.id)
            .text("type_code", f -> f.typeCode)
            .text("name", f -> f.name)
            .varchar("region_code", f -> f.regionCode)
            .text("address", f -> f.address)
            .doublePrecision("lat", f -> f.lat)
            .doublePrecision("lng", f -> f.lng)
            .text("status", f -> f.status)
            .date("status_since", f -> f.statusSince)
            .date("opened_on", f -> f.openedOn)
            .date("closed_on", f -> f.closedOn)
            .text("certification_level", f -> f.certificationLevel)
            .uuid("host_facility_id", f -> f.hostFacilityId)
            .jsonb("attributes", f -> f.attributes)
            .jsonb("checklist", f -> f.checklist)
            .bool("meets_standard", f -> f.meetsStandard)
            .jsonb("standard_gaps", f -> f.standardGaps)
            .bool("host_required", f -> f.hostRequired)
            .text("external_id", f -> f.externalId)
            .bool("generated", f -> f.generated)
            .bigint("version", f -> f.version)
            .timestamptz("created_at", f -> f.createdAt)
            .timestamptz("updated_at", f -> f.updatedAt)
            .text("updated_by", f -> f.updatedBy)
            .build();

    private static final ColumnBatch<FacilityStatusChangeEntity> STATUS_CHANGES = ColumnBatch.<FacilityStatusChangeEntity>builder()
            .uuid("facility_id", c -> c.facilityId)
            .text("from_status", c -> c.fromStatus)
            .text("to_status", c -> c.toStatus)
            .date("changed_on", c -> c.changedOn)
            .text("reason", c -> c.reason)
            .text("changed_by", c -> c.changedBy)
            .timestamptz("recorded_at", c -> c.recordedAt)
            .build();

    @Inject
    Jdbc jdbc;

    /** The facilities with these external ids, locked until the transaction ends. */
    public Map<String, FacilityEntity> lockByExternalIds(Collection<String> externalIds) {
        Map<String, FacilityEntity> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        jdbc.forEach("select " + FACILITIES.names() + " from facility where external_id = any(?) and deleted_at is null order by id for update",
                List.of(SqlArray.text(externalIds)), row -> {
                    FacilityEntity f = read(row);
                    result.put(f.externalId, f);
                });
        return result;
    }

    public void insert(List<FacilityEntity> rows) {
        if (!rows.isEmpty()) {
            jdbc.update(FACILITIES.insertInto("facility"), FACILITIES.arrays(rows));
        }
    }

    public void update(List<FacilityEntity> rows) {
        if (!rows.isEmpty()) {
            jdbc.update("update facility f set " + FACILITIES.assign("u", "name", "region_code", "address", "lat", "lng",
                    "status", "status_since", "opened_on", "closed_on", "certification_level", "host_facility_id",
                    "attributes", "checklist", "meets_standard", "standard_gaps", "host_required", "external_id",
                    "generated", "version", "updated_at", "updated_by")
                    + " from " + FACILITIES.unnest("u") + " where f.id = u.id", FACILITIES.arrays(rows));
        }
    }

    public void insertStatusChanges(List<FacilityStatusChangeEntity> changes) {
        if (!changes.isEmpty()) {
            jdbc.update(STATUS_CHANGES.insertInto("facility_status_change"), STATUS_CHANGES.arrays(changes));
        }
    }

    /** A facility from the columns the import reads (live rows: no deletion columns); the read by id adds them. */
    static FacilityEntity read(ResultRow row) throws SQLException {
        FacilityEntity f = new FacilityEntity();
        f.id = row.uuid("id");
        f.typeCode = row.string("type_code");
        f.name = row.string("name");
        f.regionCode = row.string("region_code");
        f.address = row.string("address");
        f.lat = row.doubleOrNull("lat");
        f.lng = row.doubleOrNull("lng");
        f.status = row.string("status");
        f.statusSince = row.date("status_since");
        f.openedOn = row.date("opened_on");
        f.closedOn = row.date("closed_on");
        f.certificationLevel = row.string("certification_level");
        f.hostFacilityId = row.uuid("host_facility_id");
        f.attributes = row.json("attributes");
        f.checklist = row.json("checklist");
        f.meetsStandard = row.bool("meets_standard");
        f.standardGaps = row.json("standard_gaps");
        f.hostRequired = row.boolOrNull("host_required");
        f.externalId = row.string("external_id");
        f.generated = row.bool("generated");
        f.version = row.longValue("version");
        f.createdAt = row.instant("created_at");
        f.updatedAt = row.instant("updated_at");
        f.updatedBy = row.string("updated_by");
        return f;
    }
}
