package cn.tongyou.reporting.service;

import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.store.SnapshotStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored snapshots: computed once, then only read, listed and compared. */
@ApplicationScoped
public class SnapshotService {

    @Inject
    ComplianceService compliance;

    @Inject
    SnapshotStore store;

    /** Computes the view and stores it under a new id, in a transaction of its own (the computation reads in another). */
    public Compliance create(ComplianceService.Request request, String createdBy) {
        Compliance computed = compliance.compute(request, ComplianceService.Kind.STORED);
        Compliance c = computed.withStored(UUID.randomUUID().toString(), computed.computedAt(), computed.positions());
        QuarkusTransaction.requiringNew().run(() -> store.insert(c, createdBy));
        return c;
    }

    public Optional<Compliance> find(UUID id) {
        return store.find(id);
    }

    /** Newest first; a null region or period matches every one. */
    public List<Compliance.Listed> list(String region, String period, int offset, int limit) {
        return store.list(region, period, offset, limit);
    }

    public long count(String region, String period) {
        return store.count(region, period);
    }
}
