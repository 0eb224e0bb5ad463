package cn.tongyou.indicator.store;

import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.indicator.domain.Approval;
import cn.tongyou.indicator.domain.ApprovalFilter;
import cn.tongyou.indicator.domain.ApprovalStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Approvals per (region, period), their history as one JSON array per row. */
@ApplicationScoped
public class ApprovalStore {

    private static final String COLUMNS = "region_code, period, acceptor_level, status, version, updated_at, updated_by, history::text as history";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    public Optional<Approval> find(RegionCode region, Period period) {
        return jdbc.first("select " + COLUMNS + " from approval where region_code = ? and period = ?",
                List.of(region.value(), period.toString()), this::map);
    }

    /** The row, locked until the transaction ends (two coordinators acting at once take turns). */
    public Optional<Approval> findForUpdate(RegionCode region, Period period) {
        return jdbc.first("select " + COLUMNS + " from approval where region_code = ? and period = ? for update",
                List.of(region.value(), period.toString()), this::map);
    }

    /**
     * Value writes hold a shared transaction lock on each approval that could lock them, an approval step an exclusive
     * one on its own: a submit never checks the values while one of them is being written (rows alone would not do,
     * an open approval has none).
     */
    public void lockShared(Collection<String> regions, Period period) {
        for (String region : regions) {
            jdbc.first("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))", List.of(lockKey(region, period)), r -> 1);
        }
    }

    /** See {@link #lockShared}. */
    public void lockExclusive(RegionCode region, Period period) {
        jdbc.first("select pg_advisory_xact_lock(hashtextextended(?, 0))", List.of(lockKey(region.value(), period)), r -> 1);
    }

    private static String lockKey(String region, Period period) {
        return "approval:" + region + ":" + period;
    }

    /** The approvals among {@code regions} for {@code period} that lock their values (submitted or accepted). */
    public List<Approval> locking(Collection<String> regions, Period period) {
        if (regions.isEmpty()) {
            return List.of();
        }
        return jdbc.list("select " + COLUMNS + " from approval where period = ? and region_code = any(?) "
                        + "and status in ('submitted', 'accepted') order by region_code",
                List.of(period.toString(), SqlArray.of("varchar", regions)), this::map);
    }

    public List<Approval> list(ApprovalFilter filter, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        params.add(page.size);
        params.add(page.offset());
        return jdbc.list("select " + COLUMNS + " from approval" + where + " order by region_code, period limit ? offset ?",
                params, this::map);
    }

    public long count(ApprovalFilter filter) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*) from approval" + where(filter, params), params);
    }

    /** Writes the new state: inserted at version 1, else updated. */
    public void save(Approval a) {
        String history = history(a);
        if (a.version() == 1) {
            jdbc.update("insert into approval (region_code, period, region_level, acceptor_level, status, version, updated_at, "
                            + "updated_by, history) values (?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::jsonb)",
                    params(a.region().value(), a.period().toString(), a.region().level().code(), level(a.acceptorLevel()),
                            a.status().code(), a.version(), a.updatedAt().toString(), a.updatedBy(), history));
        } else {
            jdbc.update("update approval set acceptor_level = ?, status = ?, version = ?, updated_at = ?::timestamptz, "
                            + "updated_by = ?, history = ?::jsonb where region_code = ? and period = ?",
                    params(level(a.acceptorLevel()), a.status().code(), a.version(), a.updatedAt().toString(), a.updatedBy(),
                            history, a.region().value(), a.period().toString()));
        }
    }

    private static List<Object> params(Object... values) {
        // a list that, unlike List.of, takes the nulls of an absent acceptor level
        return java.util.Arrays.asList(values);
    }

    private static String level(RegionLevel l) {
        return l == null ? null : l.code();
    }

    private static String where(ApprovalFilter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.region() != null) {
            if (f.descendants()) {
                clauses.add("region_code like ?");
                params.add(f.region().subtreePattern());
            } else {
                clauses.add("region_code = ?");
                params.add(f.region().value());
            }
        }
        if (f.periods() != null && !f.periods().isEmpty()) {
            clauses.add("period = any(?)");
            params.add(SqlArray.of("varchar", f.periods()));
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            clauses.add("status = any(?)");
            params.add(SqlArray.text(f.statuses()));
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    private String history(Approval a) {
        ArrayNode steps = mapper.createArrayNode();
        for (Approval.Step s : a.history()) {
            ObjectNode n = steps.addObject();
            n.put("action", s.action().code());
            n.put("level", level(s.level()));
            n.put("actor", s.actor());
            n.put("at", s.at().toString());
            n.put("comment", s.comment());
            ArrayNode ids = n.putArray("observations");
            s.observations().forEach(id -> ids.add(id.toString()));
        }
        return steps.toString();
    }

    private Approval map(ResultRow row) throws SQLException {
        List<Approval.Step> steps = new ArrayList<>();
        try {
            for (JsonNode n : mapper.readTree(row.string("history"))) {
                List<UUID> ids = new ArrayList<>();
                n.path("observations").forEach(id -> ids.add(UUID.fromString(id.asText())));
                steps.add(new Approval.Step(Approval.Action.ofCode(n.get("action").asText()),
                        n.get("level").isNull() ? null : RegionLevel.ofCode(n.get("level").asText()), n.get("actor").asText(),
                        Instant.parse(n.get("at").asText()), n.get("comment").isNull() ? null : n.get("comment").asText(), ids));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable approval history of " + row.string("region_code"), e);
        }
        String acceptor = row.string("acceptor_level");
        return new Approval(RegionCode.parse(row.string("region_code")), Period.parse(row.string("period")),
                acceptor == null ? null : RegionLevel.ofCode(acceptor), ApprovalStatus.ofCode(row.string("status")),
                row.longValue("version"), row.instant("updated_at"), row.string("updated_by"), steps);
    }
}
