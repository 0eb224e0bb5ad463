package cn.tongyou.common.discipline;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import cn.tongyou.common.store.SqlArray;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code period_lock_exception} rows of this service (db/discipline). */
@ApplicationScoped
@IfBuildProperty(name = "cfc.discipline.lock-exceptions.enabled", stringValue = "true")
public class LockExceptionStore {

    private static final String COLUMNS = "id, region_code, period, data_set, valid_until, reason, granted_by, "
            + "granted_at, revoked_at, revoked_by, revoke_reason";

    @Inject
    Jdbc jdbc;

    public void insert(UUID id, LockExceptionRules.Grant grant, String grantedBy, Instant grantedAt) {
        jdbc.update("insert into period_lock_exception (id, region_code, period, data_set, valid_until, reason, "
                + "granted_by, granted_at) values (?, ?, ?, ?, ?, ?, ?, ?)", params(id, grant.region().value(),
                grant.period().toString(), grant.dataSet(), Timestamp.from(grant.validUntil()), grant.reason(),
                grantedBy, Timestamp.from(grantedAt)));
    }

    public void revoke(UUID id, String revokedBy, String reason, Instant revokedAt) {
        jdbc.update("update period_lock_exception set revoked_at = ?, revoked_by = ?, revoke_reason = ? where id = ?",
                List.of(Timestamp.from(revokedAt), revokedBy, reason, id));
    }

    public Optional<LockException> find(UUID id, Instant now) {
        return jdbc.first("select " + COLUMNS + " from period_lock_exception where id = ?", List.of(id),
                row -> view(row, now));
    }

    /** The row, locked until the transaction ends, so that two revocations do not both pass. */
    public Optional<LockException> findForUpdate(UUID id, Instant now) {
        return jdbc.first("select " + COLUMNS + " from period_lock_exception where id = ? for update", List.of(id),
                row -> view(row, now));
    }

    /** Unrevoked, unexpired exceptions of {@code period} for the region or one of its ancestors, newest grant first. */
    public List<LockException> live(RegionCode region, String period, Instant now) {
        List<String> codes = new ArrayList<>();
        codes.add(region.value());
        region.ancestors().forEach(a -> codes.add(a.value()));
        return jdbc.list("select " + COLUMNS + " from period_lock_exception where period = ? and revoked_at is null "
                + "and valid_until > ? and region_code = any(?) order by granted_at desc, id",
                List.of(period, Timestamp.from(now), SqlArray.text(codes)), row -> view(row, now));
    }

    /** Exceptions for regions in {@code subtree} (all when null), optionally of one period, newest grant first. */
    public Page<LockException> list(RegionCode subtree, String period, PageParams page, Instant now) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (subtree != null) {
            where.append(" and region_code like ?");
            params.add(subtree.subtreePattern());
        }
        if (period != null) {
            where.append(" and period = ?");
            params.add(period);
        }
        long total = jdbc.count("select count(*) from period_lock_exception" + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size);
        pageParams.add(page.offset());
        List<LockException> items = jdbc.list("select " + COLUMNS + " from period_lock_exception" + where
                + " order by granted_at desc, id limit ? offset ?", pageParams, row -> view(row, now));
        return Page.of(items, page, total);
    }

    /** A list that takes nulls (the data set), which {@code List.of} refuses. */
    private static List<Object> params(Object... values) {
        return Arrays.asList(values);
    }

    private static LockException view(ResultRow row, Instant now) throws SQLException {
        Instant validUntil = row.instant("valid_until");
        Instant revokedAt = row.instant("revoked_at");
        return new LockException(row.uuid("id"), row.string("region_code"), row.string("period"),
                row.string("data_set"), validUntil, row.string("reason"), row.string("granted_by"),
                row.instant("granted_at"), revokedAt, row.string("revoked_by"), row.string("revoke_reason"),
                LockException.stateAt(revokedAt, validUntil, now));
    }
}
