package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.Country;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.CountryRollup;
import cn.tongyou.reporting.store.FactsStore;
import cn.tongyou.reporting.store.SnapshotStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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

    @Inject
    FactsStore facts;

    @Inject
    ConcurrencyLimiter limiter;

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

    /**
     * A snapshot of the whole country (issue 16), for a nationwide token only (403 otherwise): computed province by
     * province — each in its own read transaction, its complete view stored as a part in its own write transaction
     * and dropped before the next — then the parent, whose counts are the provinces' sums, stored with its audit
     * record in one transaction. The parent exists only once every province is stored; a failure removes the parts
     * already written. It holds one permit of the province limiter for the whole run (429 beyond them, before
     * anything is read), so a country snapshot costs what one province view costs at a time.
     */
    public Compliance createCountry(Period period, LocalDate asOf, String createdBy) {
        scope.requireNationwide("reporting.country.snapshot");
        return limiter.run(ComplianceService.PROVINCE_LIMIT, () -> {
            UUID id = UUID.randomUUID();
            CountryRollup rollup = new CountryRollup(period.toString(), asOf);
            try {
                int position = 0;
                for (RegionCode province : facts.provinces()) {
                    Compliance view = compliance.compute(new ComplianceService.Request(province, period, asOf), ComplianceService.Kind.STORED);
                    CountryRollup.PartCounts counts = rollup.add(view);
                    int at = position++;
                    QuarkusTransaction.requiringNew().run(() -> store.insertPart(id, at, view, counts));
                }
                Compliance c = rollup.result(id.toString(), Instant.now(), links(id.toString()));
                QuarkusTransaction.requiringNew().run(() -> {
                    store.insert(c, createdBy);
                    audit.recordChange(AGGREGATE, c.snapshotId(), 1L, c.region(), auditState(c, createdBy),
                            "snapshot of the whole country " + c.period() + " as of " + c.asOf() + ", " + c.children().size() + " provinces");
                });
                return c;
            } catch (RuntimeException e) {
                QuarkusTransaction.requiringNew().run(() -> store.deleteParts(id));
                throw e;
            }
        });
    }

    /** Where a stored snapshot's complete lists are served page by page. */
    public static Compliance.Links links(String id) {
        String base = "/api/v1/snapshots/" + id;
        return new Compliance.Links(base + "/uncovered", base + "/warnings", base + "/units");
    }

    /**
     * One page of a long list of a country snapshot, read from the provinces' parts in order: only the parts the page
     * spans are read (a province's complete view at a time), the total is the sum of the stored counts.
     *
     * @param count how many items of the list a part holds
     * @param items the list in one province's complete view
     */
    public <T> Page<T> countryPage(Compliance country, ToLongFunction<CountryRollup.PartCounts> count,
                                   Function<Compliance, List<T>> items, PageParams page) {
        UUID id = UUID.fromString(country.snapshotId());
        List<CountryRollup.PartCounts> parts = store.partCounts(id);
        long total = parts.stream().mapToLong(count).sum();
        long skip = page.offset();
        List<T> result = new ArrayList<>();
        for (int position = 0; position < parts.size() && result.size() < page.size; position++) {
            long n = count.applyAsLong(parts.get(position));
            if (skip >= n) {
                skip -= n;
                continue;
            }
            List<T> all = items.apply(store.part(id, position));
            int from = (int) skip;
            result.addAll(all.subList(from, Math.min(all.size(), from + page.size - result.size())));
            skip = 0;
        }
        return Page.of(result, page, total);
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

    /** The country snapshots (region {@value Country#CODE}) of a period or of all: nationwide tokens only (403). */
    public Listing countryListing(String period) {
        scope.requireNationwide("reporting.country.snapshot");
        return new Listing(Country.CODE, null, period);
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
