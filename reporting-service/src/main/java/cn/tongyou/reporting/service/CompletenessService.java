package cn.tongyou.reporting.service;

import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.CompletenessFacts;
import cn.tongyou.reporting.domain.CompletenessRules;
import cn.tongyou.reporting.store.FactsStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Completeness and timeliness of a region for a period ({@link CompletenessRules} over the projections). Read like
 * the compliance view: scoped data, 403 outside the token's subtree. "Today" (whether a deadline has passed) is the
 * injected business {@link Clock}'s day in {@code cfc.schedule.zone}, so {@code cfc.schedule.today} moves it.
 */
@ApplicationScoped
public class CompletenessService {

    @Inject
    FactsStore facts;

    @Inject
    Clock clock;

    @Inject
    ScheduleSettings settings;

    @Inject
    RegionScope scope;

    @Inject
    ConcurrencyLimiter limiter;

    /** What the rows of an answer are: the regions at a level below the root, or the units. */
    public enum By {
        REGION, UNIT
    }

    /** A parsed request: 400 problems for a bad region, period, {@code by} or {@code level}. */
    public record Request(RegionCode region, Period period, By by, RegionLevel level) {
    }

    public Request request(String regionRaw, String periodRaw, String byRaw, String levelRaw) {
        RegionCode region = ComplianceService.region(regionRaw);
        Period period = ComplianceService.period(periodRaw);
        By by;
        String b = byRaw == null || byRaw.isBlank() ? "region" : byRaw.strip();
        switch (b) {
            case "region" -> by = By.REGION;
            case "unit" -> by = By.UNIT;
            default -> throw ProblemException.invalidField("by", "reporting.completeness.by");
        }
        RegionLevel level;
        if (levelRaw == null || levelRaw.isBlank()) {
            level = region.level() == RegionLevel.VILLAGE ? null : region.level().below();
        } else {
            try {
                level = RegionLevel.ofCode(levelRaw.strip());
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("level", "reporting.completeness.level");
            }
            if (!region.level().isAbove(level)) {
                throw ProblemException.invalidField("level", "reporting.completeness.level-below", region.level().code());
            }
        }
        return new Request(region, period, by, level);
    }

    /** The completeness of the region for the caller (403 outside its subtree); a province's under the province limit. */
    public Completeness view(Request r) {
        scope.requireRead(r.region());
        if (r.region().level() == RegionLevel.PROVINCE) {
            return limiter.run(ComplianceService.PROVINCE_LIMIT, () -> compute(r.region(), r.period(), r.level()));
        }
        return compute(r.region(), r.period(), r.level());
    }

    Completeness compute(RegionCode region, Period period, RegionLevel level) {
        LocalDate today = today();
        CompletenessFacts f = QuarkusTransaction.requiringNew().call(() -> {
            if (!facts.regionKnown(region)) {
                throw ProblemException.notFound("reporting.region.not-projected", region.value());
            }
            return facts.completeness(region, period, today);
        });
        return rules().compute(f, region, period, today, level);
    }

    /** The section of a compliance view: children at the level just below (none for a village). */
    Completeness section(CompletenessFacts f, RegionCode region, Period period, LocalDate asOf) {
        return rules().compute(f, region, period, asOf, region.level() == RegionLevel.VILLAGE ? null : region.level().below());
    }

    /**
     * The expected values and progress reports of the region's subtree for the period that have not been received
     * (draft, returned or nothing at all), each with who owes it and its deadline; for the reminders, which decide
     * whether the deadline has passed. Not scoped: a service-internal read.
     */
    public List<CompletenessRules.ExpectedItem> missing(RegionCode root, Period period) {
        LocalDate today = today();
        CompletenessFacts f = QuarkusTransaction.requiringNew().call(() -> facts.completeness(root, period, today));
        return rules().expected(f, root, period).stream().filter(i -> !i.received()).toList();
    }

    /** The business day: the injected clock (cfc.schedule.today moves it) in the schedule's zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zone()));
    }

    CompletenessRules rules() {
        return new CompletenessRules(new ReportingCalendar(settings.reportGraceDays()), settings.zone());
    }
}
