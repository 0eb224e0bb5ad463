package cn.tongyou.reporting.store;

import cn.tongyou.reporting.domain.Compliance;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored snapshots: written once, never updated. */
@ApplicationScoped
public class SnapshotStore {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    public record Listed(String id, String region, String period, String asOf, String createdAt, String createdBy,
                         Integer score, Object totals) {
    }

    public void insert(Compliance c, String createdBy) {
        try (Connection con = dataSource.getConnection();
             PreparedStatement ps = con.prepareStatement("insert into snapshot (id, region_code, period, as_of, created_at, created_by, content)"
                     + " values (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
            ps.setObject(1, UUID.fromString(c.snapshotId()));
            ps.setString(2, c.region());
            ps.setString(3, c.period());
            ps.setDate(4, Date.valueOf(c.asOf()));
            ps.setTimestamp(5, Timestamp.from(c.computedAt()));
            ps.setString(6, createdBy);
            ps.setString(7, mapper.writeValueAsString(c));
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException("storing the snapshot failed", e);
        }
    }

    public Optional<Compliance> find(UUID id) {
        try (Connection con = dataSource.getConnection();
             PreparedStatement ps = con.prepareStatement("select content from snapshot where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.readValue(rs.getString(1), Compliance.class)) : Optional.empty();
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String region, String period) {
        try (Connection con = dataSource.getConnection();
             PreparedStatement ps = con.prepareStatement("select count(*) from snapshot where (?::text is null or region_code = ?)"
                     + " and (?::text is null or period = ?)")) {
            ps.setString(1, region);
            ps.setString(2, region);
            ps.setString(3, period);
            ps.setString(4, period);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Listed> list(String region, String period, int offset, int limit) {
        List<Listed> result = new ArrayList<>();
        try (Connection con = dataSource.getConnection();
             PreparedStatement ps = con.prepareStatement("select id, region_code, period, as_of, created_at, created_by,"
                     + " (content->'summary'->>'score')::int, content->'summary'->'totals' from snapshot"
                     + " where (?::text is null or region_code = ?) and (?::text is null or period = ?)"
                     + " order by created_at desc, id offset ? limit ?")) {
            ps.setString(1, region);
            ps.setString(2, region);
            ps.setString(3, period);
            ps.setString(4, period);
            ps.setInt(5, offset);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant().toString(), rs.getString(6), (Integer) rs.getObject(7),
                            mapper.readTree(rs.getString(8))));
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
