package cn.tongyou.indicator.store;

import cn.tongyou.common.code.Coded;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.indicator.domain.quality.Expression;
import cn.tongyou.indicator.domain.quality.Importance;
import cn.tongyou.indicator.domain.quality.MissingValueStrategy;
import cn.tongyou.indicator.domain.quality.Operator;
import cn.tongyou.indicator.domain.quality.ValidationRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Validation rules; a deleted rule keeps its row (deleted_at) and drops out of every read. */
@ApplicationScoped
public class ValidationRuleStore {

    private static final String COLUMNS = "code, name, description, left_side, operator, right_side, importance, blocking, "
            + "missing_values, version, created_at, created_by, updated_at, updated_by";

    @Inject
    Jdbc jdbc;

    /** A stored rule, and whether it was deleted (a deleted rule's code is not reused). */
    public record Stored(ValidationRule rule, boolean deleted) {
    }

    public Optional<Stored> find(String code, boolean lock) {
        return jdbc.first("select " + COLUMNS + ", deleted_at from validation_rule where code = ?" + (lock ? " for update" : ""),
                List.of(code), row -> new Stored(map(row), row.instant("deleted_at") != null));
    }

    public boolean exists(String code) {
        return jdbc.count("select count(*) from validation_rule where code = ?", List.of(code)) > 0;
    }

    public List<ValidationRule> live() {
        return jdbc.list("select " + COLUMNS + " from validation_rule where deleted_at is null order by code", List.of(),
                ValidationRuleStore::map);
    }

    public List<ValidationRule> list(String indicator, PageParams page) {
        List<Object> params = new ArrayList<>();
        String where = where(indicator, params);
        params.add(page.size);
        params.add(page.offset());
        return jdbc.list("select " + COLUMNS + " from validation_rule" + where + " order by code limit ? offset ?", params,
                ValidationRuleStore::map);
    }

    public long count(String indicator) {
        List<Object> params = new ArrayList<>();
        return jdbc.count("select count(*) from validation_rule" + where(indicator, params), params);
    }

    private static String where(String indicator, List<Object> params) {
        if (indicator == null) {
            return " where deleted_at is null";
        }
        // the expressions name indicators as #{code} or #{code.part}
        params.add("%#{" + indicator + "}%");
        params.add("%#{" + indicator + ".%");
        params.add("%#{" + indicator + "}%");
        params.add("%#{" + indicator + ".%");
        return " where deleted_at is null and (left_side like ? or left_side like ? or right_side like ? or right_side like ?)";
    }

    public void insert(ValidationRule r) {
        jdbc.update("insert into validation_rule (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params(r, true));
    }

    public void update(ValidationRule r) {
        List<Object> p = params(r, false);
        p.add(r.code());
        jdbc.update("update validation_rule set name = ?, description = ?, left_side = ?, operator = ?, right_side = ?, "
                + "importance = ?, blocking = ?, missing_values = ?, version = ?, updated_at = ?, updated_by = ? where code = ?", p);
    }

    public void delete(String code, long version, String actor, Instant at) {
        jdbc.update("update validation_rule set deleted_at = ?, deleted_by = ?, version = ?, updated_at = ?, updated_by = ? where code = ?",
                List.of(Timestamp.from(at), actor, version, Timestamp.from(at), actor, code));
    }

    private static List<Object> params(ValidationRule r, boolean insert) {
        List<Object> p = new ArrayList<>();
        if (insert) {
            p.add(r.code());
        }
        p.add(r.name());
        p.add(r.description());
        p.add(r.left().text());
        p.add(r.operator().code());
        p.add(r.right().text());
        p.add(r.importance().code());
        p.add(r.blocking());
        p.add(r.missingValues().code());
        p.add(r.version());
        if (insert) {
            p.add(Timestamp.from(r.createdAt()));
            p.add(r.createdBy());
        }
        p.add(Timestamp.from(r.updatedAt()));
        p.add(r.updatedBy());
        return p;
    }

    static ValidationRule map(ResultRow row) throws SQLException {
        return new ValidationRule(row.string("code"), row.string("name"), row.string("description"),
                Expression.parse(row.string("left_side")), Coded.of(Operator.class, "indicator.quality.noun.operator", row.string("operator")),
                Expression.parse(row.string("right_side")),
                Coded.of(Importance.class, "indicator.quality.noun.importance", row.string("importance")), row.bool("blocking"),
                Coded.of(MissingValueStrategy.class, "indicator.quality.noun.missing-values", row.string("missing_values")),
                row.longValue("version"), row.instant("created_at"), row.string("created_by"), row.instant("updated_at"),
                row.string("updated_by"));
    }
}
