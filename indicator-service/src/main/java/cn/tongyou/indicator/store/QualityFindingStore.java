package cn.tongyou.indicator.store;

import cn.tongyou.common.code.Coded;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.indicator.domain.quality.Importance;
import cn.tongyou.indicator.domain.quality.QualityFinding;
import cn.tongyou.indicator.domain.quality.ValidationRule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Findings of the quality checks, one row per (kind, subject, region, period), updated in place (version + 1). */
@ApplicationScoped
public class QualityFindingStore {

    private static final String COLUMNS = "id, kind, rule_code, subject, importance, blocking, region_code, period, indicator_codes, "
            + "\"values\", message, message_zh, score, status, detected_at, updated_at, cleared_by, cleared_at, comment, version";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    Jdbc jdbc;

    /** The list's filter: a region (with descendants or not), period, statuses, kinds; null = any. */
    public record Filter(RegionCode region, boolean descendants, String period, List<String> statuses, List<String> kinds) {
    }

    public Optional<QualityFinding> find(UUID id, boolean lock) {
        return jdbc.first("select " + COLUMNS + " from quality_finding where id = ?" + (lock ? " for update" : ""), List.of(id),
                QualityFindingStore::map);
    }

    /** Serialises the checks of these regions and period until the transaction ends (sorted: no deadlock). */
    public void lock(List<String> sortedRegions, Period period) {
        jdbc.list("select pg_advisory_xact_lock(hashtext('quality:' || r || ':' || ?)) from unnest(?) with ordinality as u(r, n) order by n",
                List.of(period.toString(), SqlArray.text(sortedRegions)), row -> Boolean.TRUE);
    }

    /** Every finding of these regions for the period, locked: a check updates them in place. */
    public List<QualityFinding> forRegions(List<String> regions, Period period) {
        return jdbc.list("select " + COLUMNS + " from quality_finding where region_code = any(?) and period = ? order by id for update",
                List.of(SqlArray.text(regions), period.toString()), QualityFindingStore::map);
    }

    /** The open findings that involve an indicator's value of one region and period. */
    public List<QualityFinding> openTouching(String indicator, String region, Period period) {
        return jdbc.list("select " + COLUMNS + " from quality_finding where region_code = ? and period = ? and status = 'open' "
                + "and ? = any(indicator_codes) order by detected_at, id", List.of(region, period.toString(), indicator),
                QualityFindingStore::map);
    }

    /** The open findings of a rule (when it is deleted). */
    public List<QualityFinding> openOfRule(String ruleCode) {
        return jdbc.list("select " + COLUMNS + " from quality_finding where rule_code = ? and status = 'open' order by id for update",
                List.of(ruleCode), QualityFindingStore::map);
    }

    public List<QualityFinding> list(Filter f, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(page.size);
        params.add(page.offset());
        return jdbc.list("select " + COLUMNS + " from quality_finding" + where
                + " order by region_code, period, detected_at, id limit ? offset ?", params, QualityFindingStore::map);
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*) from quality_finding" + where(f, params), params);
    }

    private static String where(Filter f, List<Object> params) {
        List<String> and = new ArrayList<>();
        if (f.region() != null) {
            if (f.descendants()) {
                and.add("region_code like ?");
                params.add(f.region().subtreePattern());
            } else {
                and.add("region_code = ?");
                params.add(f.region().value());
            }
        }
        if (f.period() != null) {
            and.add("period = ?");
            params.add(f.period());
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            and.add("status = any(?)");
            params.add(SqlArray.text(f.statuses()));
        }
        if (f.kinds() != null && !f.kinds().isEmpty()) {
            and.add("kind = any(?)");
            params.add(SqlArray.text(f.kinds()));
        }
        return and.isEmpty() ? "" : " where " + String.join(" and ", and);
    }

    public void insert(QualityFinding f) {
        jdbc.update("insert into quality_finding (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(f.id(), f.kind().code(), (f.ruleCode()), f.subject(), f.importance().code(), f.blocking(),
                        f.regionCode(), f.period().toString(), SqlArray.text(f.indicatorCodes()), json(f.values()), f.message(),
                        f.messageZh(), (f.score()), f.status().code(), Timestamp.from(f.detectedAt()),
                        Timestamp.from(f.updatedAt()), (f.clearedBy()), (f.clearedAt() == null ? null : Timestamp.from(f.clearedAt())),
                        (f.comment()), f.version()));
    }

    public void update(QualityFinding f) {
        jdbc.update("update quality_finding set rule_code = ?, importance = ?, blocking = ?, indicator_codes = ?, \"values\" = ?::jsonb, "
                        + "message = ?, message_zh = ?, score = ?, status = ?, detected_at = ?, updated_at = ?, cleared_by = ?, cleared_at = ?, "
                        + "comment = ?, version = ? where id = ?",
                Arrays.asList((f.ruleCode()), f.importance().code(), f.blocking(), SqlArray.text(f.indicatorCodes()), json(f.values()),
                        f.message(), f.messageZh(), (f.score()), f.status().code(), Timestamp.from(f.detectedAt()),
                        Timestamp.from(f.updatedAt()), (f.clearedBy()), (f.clearedAt() == null ? null : Timestamp.from(f.clearedAt())),
                        (f.comment()), f.version(), f.id()));
    }

    private static String json(List<QualityFinding.Value> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static QualityFinding map(ResultRow row) throws SQLException {
        List<QualityFinding.Value> values;
        try {
            values = JSON.readValue(row.json("values"), new TypeReference<List<QualityFinding.Value>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored finding values are not readable", e);
        }
        return new QualityFinding(row.uuid("id"), kind(row.string("kind")), row.string("rule_code"), row.string("subject"),
                Coded.of(Importance.class, "indicator.quality.noun.importance", row.string("importance")), row.bool("blocking"),
                row.string("region_code"), Period.parse(row.string("period")),
                values.stream().map(QualityFinding.Value::indicator).distinct().toList(), values,
                row.string("message"), row.string("message_zh"), row.doubleOrNull("score"),
                QualityFinding.Status.ofCode(row.string("status")), row.instant("detected_at"), row.instant("updated_at"),
                row.string("cleared_by"), row.instant("cleared_at"), row.string("comment"), row.longValue("version"));
    }

    private static ValidationRule.Kind kind(String code) {
        return Arrays.stream(ValidationRule.Kind.values()).filter(k -> k.code().equals(code)).findFirst().orElseThrow();
    }
}
