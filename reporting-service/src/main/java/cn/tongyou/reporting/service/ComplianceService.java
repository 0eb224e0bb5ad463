package cn.tongyou.reporting.service;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.Country;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.ComplianceRules;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.CompletenessFacts;
import cn.tongyou.reporting.domain.Discipline;
import cn.tongyou.reporting.domain.Facts;
import cn.tongyou.reporting.store.FactsStore;
import cn.tongyou.reporting.store.ProjectionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Computes the compliance of a region for a period from the projections. */
@ApplicationScoped
public class ComplianceService {

    private static final Logger LOG = Logger.getLogger(ComplianceService.class);

    @Inject
    FactsStore facts;

    @Inject
    ProjectionStore projections;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    ScheduleSettings settings;

    @Inject
    RegionScope scope;

    @Inject
    ConcurrencyLimiter limiter;

    public record Request(RegionCode region, Period period, LocalDate asOf) {
    }

    public Request request(String regionRaw, String periodRaw, String asOfRaw) {
        // a live view holds its whole subtree in memory: the country is only a snapshot, computed province by province
        if (Country.names(regionRaw)) {
            throw ProblemException.invalidField("region", "reporting.country.live", Country.CODE);
        }
        RegionCode region = region(regionRaw);
        return new Request(region, period(periodRaw), asOf(asOfRaw));
    }

    /** The day a view is judged on: {@code raw} (an ISO date, else 400) or, when absent, today in the schedule's zone. */
    public LocalDate asOf(String raw) {
        if (raw == null || raw.isBlank()) {
            return LocalDate.now(clock.withZone(settings.zone()));
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("asOf", "reporting.as-of");
        }
    }

    /** A region code from a query or body, or a 400 problem naming the field. */
    public static RegionCode region(String raw) {
        return RequestParameters.requiredRegion("region", raw);
    }

    /** A period (2025, 2025H1, 2025H2), or a 400 problem naming the field. */
    public static Period period(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField("period", "reporting.period-required");
        }
        return RequestParameters.period("period", raw);
    }

    /**
     * The live view of a region for the caller: scoped data, so 403 when the region lies outside the token's subtree
     * (or the token has no region claim).
     */
    public Compliance live(Request r) {
        scope.requireRead(r.region());
        return computeLimited(r, Kind.LIVE);
    }

    /** The limiter's name for province-level computations (live views and snapshots). */
    public static final String PROVINCE_LIMIT = "compliance-province";

    /**
     * {@link #compute}, bounded in number when the region is a province (the expensive case: tens of thousands of
     * villages, a megabyte of JSON): beyond {@code cfc.http.concurrency."compliance-province"} computations at once on
     * this instance the caller gets 429 with {@code Retry-After}, before anything is loaded.
     */
    Compliance computeLimited(Request r, Kind kind) {
        if (r.region().level() == RegionLevel.PROVINCE) {
            return limiter.run(PROVINCE_LIMIT, () -> compute(r, kind));
        }
        return compute(r, kind);
    }

    /** What a computation is for: the tag {@code kind} of {@code reporting.snapshot.duration}. */
    public enum Kind {
        LIVE, STORED;

        String tag() {
            return name().toLowerCase();
        }
    }

    @Inject
    CompletenessService completeness;

    @Inject
    ApprovalLevels approvalLevels;

    private static void named(Map<String, Facts.Region> regions, String code, Map<String, String> names) {
        Facts.Region r = code == null ? null : regions.get(code);
        if (r != null) {
            names.put(code, r.name());
        }
    }

    /** What one read transaction loaded: the positions the projections reflect, then the facts and the discipline's. */
    private record Loaded(Map<String, Long> positions, Facts facts, CompletenessFacts completeness,
                          List<Discipline.ApprovalState> approvals, List<Discipline.Finding> findings) {
    }

    /**
     * Loads the facts and applies the rules; the time taken (load and rules) is recorded in the timer
     * {@code reporting.snapshot.duration{kind=live|stored, level}}.
     */
    public Compliance compute(Request r, Kind kind) {
        long started = System.nanoTime();
        Loaded loaded = QuarkusTransaction.requiringNew().call(() -> {
            if (!facts.regionKnown(r.region())) {
                throw ProblemException.notFound("reporting.region.not-projected", r.region().value());
            }
            // positions first: the facts read afterwards reflect at least these offsets
            Map<String, Long> positions = projections.positions();
            Facts loadedFacts = facts.load(r.region(), r.asOf());
            return new Loaded(positions, loadedFacts, facts.completeness(r.region(), r.period(), r.asOf(), loadedFacts.regions()),
                    facts.approvals(r.region(), r.period()), facts.openFindings(r.region(), r.period()));
        });
        long loadedAt = System.nanoTime();
        ComplianceRules rules = new ComplianceRules(
                new MilestoneSchedule(Clock.fixed(r.asOf().atStartOfDay(settings.zone()).toInstant(), settings.zone()), settings.dueSoonDays()),
                new ReportingCalendar(settings.reportGraceDays()));
        List<Discipline.ApprovalState> approvals = Discipline.approvals(loaded.approvals(), r.region(),
                loaded.completeness().regions(), approvalLevels);
        // the names of the regions the discipline's warnings name, not a copy of the subtree's 50,000
        Map<String, String> names = new HashMap<>();
        Map<String, Facts.Region> regions = loaded.completeness().regions();
        loaded.findings().forEach(f -> named(regions, f.region(), names));
        approvals.forEach(a -> named(regions, a.region(), names));
        long disciplineAt = System.nanoTime();
        Completeness section = completeness.section(loaded.completeness(), r.region(), r.period(), r.asOf());
        long completenessDone = System.nanoTime();
        // computedAt is a record timestamp: the real time, not the business date cfc.schedule.today may move
        Compliance c = rules.compute(loaded.facts(), r.region(), r.period())
                .withDiscipline(approvals, section, Discipline.warnings(approvals, loaded.findings(), names))
                .withStored(null, Instant.now(), loaded.positions());
        long done = System.nanoTime();
        Timer.builder("reporting.snapshot.duration")
                .description("Time to compute a compliance view or snapshot: loading the projections and applying the rules")
                .tag("kind", kind.tag()).tag("level", r.region().level().code())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry).record(done - started, TimeUnit.NANOSECONDS);
        LOG.debugf("compliance of %s %s (%s): load %d ms, rules %d ms (completeness %d ms)", r.region().value(), r.period(), kind.tag(),
                (loadedAt - started) / 1_000_000, (done - loadedAt) / 1_000_000, (completenessDone - disciplineAt) / 1_000_000);
        return c;
    }
}
