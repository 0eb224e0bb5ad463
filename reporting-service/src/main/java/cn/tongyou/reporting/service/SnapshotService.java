package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.store.SnapshotStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored snapshots: computed once, then only read, listed and compared. Snapshots are scoped data (docs/design.md §9):
 * a caller creates them only in its token's subtree, lists only those of its subtree and reads by id only those of
 * its subtree (any other answers as if it did not exist). Each creation leaves an audit record in its transaction.
 */
@ApplicationScoped
public class SnapshotService {

    /** The audit trail's aggregate type of a snapshot. */
    public static final String AGGREGATE = "snapshot";

    @Inject
    ComplianceService compliance;

    @Inject
    SnapshotStore store;

    @Inject
    RegionScope scope;

    @Inject
    AuditTrail audit;

    /** What a snapshot list is limited to: exactly one region, every region under a prefix, or everything. */
    public record Listing(String exactRegion, String subtreePattern, String period) {
    }

    /**
     * Computes the view and stores it under a new id, in a transaction of its own (the computation reads in another),
     * together with its audit record; 403 when the region lies outside the caller's token region.
     */
    public Compliance create(ComplianceService.Request request, String createdBy) {
        scope.requireWrite(request.region());
        Compliance computed = compliance.computeLimited(request, ComplianceService.Kind.STORED);
        Compliance c = computed.withStored(UUID.randomUUID().toString(), computed.computedAt(), computed.positions());
        QuarkusTransaction.requiringNew().run(() -> {
            store.insert(c, createdBy);
            audit.recordChange(AGGREGATE, c.snapshotId(), 1L, c.region(), auditState(c, createdBy),
                    "snapshot of " + c.region() + " " + c.period() + " as of " + c.asOf());
        });
        return c;
    }

    /** The snapshot, if it exists and lies in the caller's subtree. */
    public Optional<Compliance> find(UUID id) {
        return store.find(id).filter(c -> scope.visible(c.region()));
    }

    /**
     * What a list may show: the region asked for (403 outside the caller's subtree), else every snapshot of the
     * caller's subtree (the whole country for a nationwide token; 403 for a token without a region claim).
     */
    public Listing listing(RegionCode requested, String period) {
        Optional<RegionCode> limit = scope.listRegion(requested);
        if (requested != null) {
            return new Listing(requested.value(), null, period);
        }
        return new Listing(null, limit.map(RegionCode::subtreePattern).orElse(null), period);
    }

    /** Newest first. */
    public List<Compliance.Listed> list(Listing listing, long offset, int limit) {
        return store.list(listing.exactRegion(), listing.subtreePattern(), listing.period(), offset, limit);
    }

    public long count(Listing listing) {
        return store.count(listing.exactRegion(), listing.subtreePattern(), listing.period());
    }

    /** The audit record's after-state: what identifies the snapshot and its result, not its whole content. */
    private static Map<String, Object> auditState(Compliance c, String createdBy) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", c.snapshotId());
        state.put("regionCode", c.region());
        state.put("period", c.period());
        state.put("asOf", String.valueOf(c.asOf()));
        state.put("computedAt", String.valueOf(c.computedAt()));
        state.put("createdBy", createdBy);
        state.put("score", c.summary() == null ? null : c.summary().score());
        state.put("totals", c.summary() == null ? null : c.summary().totals());
        state.put("positions", c.positions());
        return state;
    }
}
