package cn.tongyou.reporting.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.CountryRollup;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored snapshots: written once, never updated. */
@ApplicationScoped
public class SnapshotStore {

    /** Each filter (exact region, subtree pattern, period) may be null: then it matches every row. */
    private static final String FILTER = " where (?::text is null or region_code = ?) and (?::text is null or region_code like ?)"
            + " and (?::text is null or period = ?)";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    public void insert(Compliance c, String createdBy) {
        jdbc.update("insert into snapshot (id, region_code, period, as_of, created_at, created_by, content)"
                        + " values (?, ?, ?, ?, ?, ?, ?::jsonb)",
                Arrays.asList(UUID.fromString(c.snapshotId()), c.region(), c.period(), c.asOf(), Timestamp.from(c.computedAt()),
                        createdBy, write(c)));
    }

    public Optional<Compliance> find(UUID id) {
        return jdbc.first("select content from snapshot where id = ?", List.of(id),
                row -> read(row.json("content"), Compliance.class));
    }

    /** Snapshots of exactly {@code region}, of regions matching {@code subtree} (a LIKE pattern), of {@code period}. */
    public long count(String region, String subtree, String period) {
        return jdbc.count("select count(*) from snapshot" + FILTER, Arrays.asList(region, region, subtree, subtree, period, period));
    }

    public List<Compliance.Listed> list(String region, String subtree, String period, long offset, int limit) {
        return jdbc.list("select id, region_code, period, as_of, created_at, created_by,"
                        + " (content->'summary'->>'score')::int as score, content->'summary'->'totals' as totals from snapshot"
                        + FILTER + " order by created_at desc, id offset ? limit ?",
                Arrays.asList(region, region, subtree, subtree, period, period, offset, limit),
                row -> new Compliance.Listed(row.string("id"), row.string("region_code"), row.string("period"),
                        row.string("as_of"), row.instant("created_at").toString(), row.string("created_by"),
                        row.intOrNull("score"), read(row.json("totals"), JsonNode.class)));
    }

    /** One province of a country snapshot, with how long its lists are. */
    public void insertPart(UUID snapshotId, int position, Compliance province, CountryRollup.PartCounts counts) {
        jdbc.update("insert into snapshot_part (snapshot_id, position, region_code, counts, content) values (?, ?, ?, ?::jsonb, ?::jsonb)",
                Arrays.asList(snapshotId, position, province.region(), write(counts), write(province)));
    }

    /** Removes the parts of a country snapshot whose parent was never stored (its computation failed). */
    public void deleteParts(UUID snapshotId) {
        jdbc.update("delete from snapshot_part where snapshot_id = ?", List.of(snapshotId));
    }

    /** The parts' counts in position order (small rows: the contents are not read). */
    public List<CountryRollup.PartCounts> partCounts(UUID snapshotId) {
        return jdbc.list("select counts from snapshot_part where snapshot_id = ? order by position", List.of(snapshotId),
                row -> read(row.json("counts"), CountryRollup.PartCounts.class));
    }

    /** One part's complete province view. */
    public Compliance part(UUID snapshotId, int position) {
        return jdbc.first("select content from snapshot_part where snapshot_id = ? and position = ?", List.of(snapshotId, position),
                row -> read(row.json("content"), Compliance.class)).orElseThrow();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("storing the snapshot failed", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
