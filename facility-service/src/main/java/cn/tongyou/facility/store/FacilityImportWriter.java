package cn.tongyou.facility.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk side of the register: locks the rows an import chunk upserts and writes a chunk with batched statements
 * (one round trip per statement kind and chunk, not per row). Runs in the caller's transaction.
 */
@ApplicationScoped
public class FacilityImportWriter {

    private static final String COLUMNS = "id, type_code, name, region_code, address, lat, lng, status, status_since, opened_on, "
            + "closed_on, certification_level, host_facility_id, attributes, checklist, meets_standard, standard_gaps, "
            + "host_required, external_id, generated, version, created_at, updated_at, updated_by";

    @Inject
    AgroalDataSource dataSource;

    /** The facilities with these external ids, locked until the transaction ends. */
    public Map<String, FacilityEntity> lockByExternalIds(Collection<String> externalIds) {
        Map<String, FacilityEntity> result = new HashMap<>();
        if (externalIds.isEmpty()) {
            return result;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS.replace("attributes, checklist", "attributes::text, checklist::text")
                     .replace("standard_gaps", "standard_gaps::text") + " from facility where external_id = any(?) order by id for update")) {
            select.setArray(1, connection.createArrayOf("text", externalIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    FacilityEntity f = read(rs);
                    result.put(f.externalId, f);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read facilities", e);
        }
        return result;
    }

    public void insert(List<FacilityEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "insert into facility (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "cast(? as jsonb), cast(? as jsonb), ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)";
        batch(sql, rows, (statement, f) -> {
            statement.setObject(1, f.id);
            statement.setString(2, f.typeCode);
            bindContent(statement, f, 3);
            statement.setLong(21, f.version);
            statement.setTimestamp(22, Timestamp.from(f.createdAt));
            statement.setTimestamp(23, Timestamp.from(f.updatedAt));
            statement.setString(24, f.updatedBy);
        });
    }

    public void update(List<FacilityEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "update facility set name = ?, region_code = ?, address = ?, lat = ?, lng = ?, status = ?, status_since = ?, "
                + "opened_on = ?, closed_on = ?, certification_level = ?, host_facility_id = ?, attributes = cast(? as jsonb), "
                + "checklist = cast(? as jsonb), meets_standard = ?, standard_gaps = cast(? as jsonb), host_required = ?, "
                + "external_id = ?, generated = ?, version = ?, updated_at = ?, updated_by = ? where id = ?";
        batch(sql, rows, (statement, f) -> {
            bindContent(statement, f, 1);
            statement.setLong(19, f.version);
            statement.setTimestamp(20, Timestamp.from(f.updatedAt));
            statement.setString(21, f.updatedBy);
            statement.setObject(22, f.id);
        });
    }

    public void insertStatusChanges(List<FacilityStatusChangeEntity> changes) {
        if (changes.isEmpty()) {
            return;
        }
        String sql = "insert into facility_status_change (facility_id, from_status, to_status, changed_on, reason, changed_by, recorded_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
        batch(sql, changes, (statement, c) -> {
            statement.setObject(1, c.facilityId);
            statement.setString(2, c.fromStatus);
            statement.setString(3, c.toStatus);
            statement.setObject(4, c.changedOn);
            statement.setString(5, c.reason);
            statement.setString(6, c.changedBy);
            statement.setTimestamp(7, Timestamp.from(c.recordedAt));
        });
    }

    /** Binds the 18 content columns from name to generated, starting at {@code first}. */
    private static void bindContent(PreparedStatement s, FacilityEntity f, int first) throws SQLException {
        int i = first;
        s.setString(i++, f.name);
        s.setString(i++, f.regionCode);
        s.setString(i++, f.address);
        setDouble(s, i++, f.lat);
        setDouble(s, i++, f.lng);
        s.setString(i++, f.status);
        setDate(s, i++, f.statusSince);
        setDate(s, i++, f.openedOn);
        setDate(s, i++, f.closedOn);
        s.setString(i++, f.certificationLevel);
        s.setObject(i++, f.hostFacilityId, Types.OTHER);
        s.setString(i++, f.attributes);
        s.setString(i++, f.checklist);
        s.setBoolean(i++, f.meetsStandard);
        s.setString(i++, f.standardGaps);
        if (f.hostRequired == null) {
            s.setNull(i++, Types.BOOLEAN);
        } else {
            s.setBoolean(i++, f.hostRequired);
        }
        s.setString(i++, f.externalId);
        s.setBoolean(i, f.generated);
    }

    private static FacilityEntity read(ResultSet rs) throws SQLException {
        FacilityEntity f = new FacilityEntity();
        f.id = rs.getObject(1, UUID.class);
        f.typeCode = rs.getString(2);
        f.name = rs.getString(3);
        f.regionCode = rs.getString(4);
        f.address = rs.getString(5);
        f.lat = (Double) rs.getObject(6);
        f.lng = (Double) rs.getObject(7);
        f.status = rs.getString(8);
        f.statusSince = rs.getObject(9, LocalDate.class);
        f.openedOn = rs.getObject(10, LocalDate.class);
        f.closedOn = rs.getObject(11, LocalDate.class);
        f.certificationLevel = rs.getString(12);
        f.hostFacilityId = rs.getObject(13, UUID.class);
        f.attributes = rs.getString(14);
        f.checklist = rs.getString(15);
        f.meetsStandard = rs.getBoolean(16);
        f.standardGaps = rs.getString(17);
        f.hostRequired = (Boolean) rs.getObject(18);
        f.externalId = rs.getString(19);
        f.generated = rs.getBoolean(20);
        f.version = rs.getLong(21);
        f.createdAt = rs.getTimestamp(22).toInstant();
        f.updatedAt = rs.getTimestamp(23).toInstant();
        f.updatedBy = rs.getString(24);
        return f;
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setDate(PreparedStatement s, int index, LocalDate value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DATE);
        } else {
            s.setObject(index, value);
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private <T> void batch(String sql, List<T> rows, Binder<T> binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            SQLException next = e.getNextException();
            throw new IllegalStateException("bulk write failed: " + (next != null ? next.getMessage() : e.getMessage()), e);
        }
    }
}
