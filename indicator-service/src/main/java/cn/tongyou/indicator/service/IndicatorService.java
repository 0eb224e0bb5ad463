package cn.tongyou.indicator.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.indicator.domain.IndicatorFilter;
import cn.tongyou.indicator.domain.catalog.IndicatorNames;
import cn.tongyou.indicator.events.IndicatorEvents;
import cn.tongyou.indicator.store.DomainEntity;
import cn.tongyou.indicator.store.DomainStore;
import cn.tongyou.indicator.store.IndicatorEntity;
import cn.tongyou.indicator.store.IndicatorStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The catalogue by hand: create or replace an indicator, manage domains. */
@ApplicationScoped
public class IndicatorService {

    static final Pattern CODE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    @Inject
    IndicatorStore indicators;

    @Inject
    DomainStore domains;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    /** What a PUT did. */
    public record Outcome(IndicatorView indicator, boolean created, boolean changed) {
    }

    public Page<IndicatorView> list(IndicatorFilter filter, PageParams page) {
        PanacheQuery<IndicatorEntity> query = indicators.search(filter);
        List<IndicatorView> items = query.page(page.page - 1, page.size).list().stream().map(this::view).toList();
        return Page.of(items, page, query.count());
    }

    public IndicatorView get(String code) {
        return view(indicators.findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("indicator.indicator.not-found", code)));
    }

    private IndicatorView view(IndicatorEntity e) {
        return IndicatorView.of(e, mapper);
    }

    /** The rules' view of every indicator, by code (the catalogue is small; bulk checks read it whole). */
    public Map<String, Indicator> all() {
        return indicators.listAll().stream().collect(Collectors.toMap(e -> e.code, IndicatorEntity::toIndicator));
    }

    @Transactional
    public Outcome put(String code, IndicatorInput in, String ifMatch, String actor) {
        // the catalogue applies to every region's scores: only a nationwide coordinator or admin changes it
        caller.requireCatalogueSteward();
        IndicatorEntity candidate = candidate(code, in, check(code, in));
        Instant now = Instant.now();
        Optional<IndicatorEntity> existing = indicators.findForUpdate(code);
        if (existing.isEmpty()) {
            candidate.sources = "[{\"document\":null,\"kind\":\"api\",\"number\":null,\"quote\":null}]";
            candidate.version = 1;
            candidate.createdAt = now;
            candidate.updatedAt = now;
            candidate.updatedBy = actor;
            indicators.persist(candidate);
            try {
                indicators.flush();
            } catch (PersistenceException ex) {
                throw ProblemException.conflict("indicator.indicator.concurrent", code);
            }
            outbox.append(IndicatorEvents.changed(candidate));
            return new Outcome(view(candidate), true, true);
        }
        IndicatorEntity e = existing.get();
        if (sameContent(e, candidate)) {
            return new Outcome(view(e), false, false);
        }
        ETags.requireMatch(ifMatch, e.version, "indicator.noun.the-indicator");
        copy(candidate, e);
        e.version++;
        e.updatedAt = now;
        e.updatedBy = actor;
        indicators.flush();
        outbox.append(IndicatorEvents.changed(e));
        return new Outcome(view(e), false, true);
    }

    /** The body's coded fields, parsed, and the name's match key. */
    private record Checked(ValueType valueType, Direction direction, Obtained obtained, List<String> periodTypes, String matchKey) {
    }

    /** Throws for a bad code, for a name another indicator has (409), or with every problem of the body (400). */
    private Checked check(String code, IndicatorInput in) {
        if (!CODE.matcher(code).matches()) {
            throw ProblemException.invalidField("code", "indicator.indicator.code-format");
        }
        List<Issue> issues = new ArrayList<>();
        ValueType valueType = parse(() -> ValueType.ofCode(in.valueType()), "valueType", issues);
        Direction direction = in.direction() == null ? Direction.NONE : parse(() -> Direction.ofCode(in.direction()), "direction", issues);
        Obtained obtained = parse(() -> Obtained.ofCode(in.obtained()), "obtained", issues);
        List<String> periodTypes = new ArrayList<>();
        if (in.periodTypes() != null) {
            for (String p : in.periodTypes()) {
                Period.Type t = parse(() -> Period.Type.ofCode(p), "periodTypes", issues);
                if (t != null && !periodTypes.contains(t.code())) {
                    periodTypes.add(t.code());
                }
            }
        }
        if (periodTypes.isEmpty()) {
            periodTypes = valueType == ValueType.PER_MILLE ? List.of("year") : List.of("year", "half-year");
        }
        if (obtained == Obtained.COMPUTED) {
            if (in.computation() == null || in.computation().scale() == null) {
                issues.add(Issue.of("computation.scale", "indicator.indicator.scale-required"));
            } else if (!List.of(100, 1000, 10_000, 100_000).contains(in.computation().scale())) {
                issues.add(Issue.of("computation.scale", "indicator.indicator.scale"));
            }
            if (valueType != null && !valueType.numeric()) {
                issues.add(Issue.of("valueType", "indicator.indicator.computed-numeric"));
            }
        } else if (in.computation() != null) {
            issues.add(Issue.of("computation", "indicator.indicator.computation-only"));
        }
        if (obtained == Obtained.DERIVED) {
            if (in.derivation() == null) {
                issues.add(Issue.of("derivation", "indicator.indicator.derivation-required"));
            } else {
                parse(() -> Derivation.Measure.ofCode(in.derivation().measure()), "derivation.measure", issues);
                if (in.derivation().level() != null) {
                    parse(() -> RegionLevel.ofCode(in.derivation().level()), "derivation.level", issues);
                }
                if (in.derivation().area() != null && !List.of("urban", "rural").contains(in.derivation().area())) {
                    issues.add(Issue.of("derivation.area", "indicator.indicator.area"));
                }
            }
        } else if (in.derivation() != null) {
            issues.add(Issue.of("derivation", "indicator.indicator.derivation-only"));
        }
        if (in.domain() != null && domains.findByIdOptional(in.domain()).isEmpty()) {
            issues.add(Issue.of("domain", "indicator.indicator.domain-unknown", in.domain(),
                    domains.listAll().stream().map(d -> d.name).collect(Collectors.joining(", "))));
        }
        String matchKey = IndicatorNames.matchKey(in.name());
        Optional<IndicatorEntity> sameName = indicators.find("matchKey", matchKey).firstResultOptional();
        if (sameName.isPresent() && !sameName.get().code.equals(code)) {
            throw ProblemException.conflict("indicator.indicator.name-taken", sameName.get().code, in.name());
        }
        if (!issues.isEmpty()) {
            throw ProblemException.invalidIssues(issues);
        }
        return new Checked(valueType, direction, obtained, periodTypes, matchKey);
    }

    /** The indicator the body describes, as it would be stored (without version, sources or timestamps). */
    private static IndicatorEntity candidate(String code, IndicatorInput in, Checked c) {
        ValueType valueType = c.valueType();
        Obtained obtained = c.obtained();
        IndicatorEntity candidate = new IndicatorEntity();
        candidate.code = code;
        candidate.name = in.name().strip();
        candidate.nameEn = blankToNull(in.nameEn());
        candidate.matchKey = c.matchKey();
        candidate.aliases = in.aliases() == null ? new String[0] : new LinkedHashSet<>(in.aliases()).toArray(String[]::new);
        candidate.domain = in.domain();
        candidate.unit = blankToNull(in.unit());
        candidate.valueType = valueType.code();
        candidate.direction = c.direction().code();
        candidate.precision = (short) (in.precision() != null ? in.precision()
                : valueType == ValueType.COUNT || !valueType.numeric() ? 0 : 2);
        candidate.departments = in.departments() == null ? new String[0] : new LinkedHashSet<>(in.departments()).toArray(String[]::new);
        candidate.obtained = obtained.code();
        if (obtained == Obtained.COMPUTED) {
            candidate.scale = in.computation().scale();
            candidate.numeratorLabel = in.computation().numeratorLabel();
            candidate.denominatorLabel = in.computation().denominatorLabel();
        }
        if (obtained == Obtained.DERIVED) {
            candidate.facilityType = in.derivation().facilityType();
            candidate.measure = in.derivation().measure();
            candidate.scopeLevel = in.derivation().level() == null ? null : RegionLevel.ofCode(in.derivation().level()).code();
            candidate.area = in.derivation().area();
            candidate.hostBased = Boolean.TRUE.equals(in.derivation().hostBased());
        }
        candidate.bounded = in.bounded() == null || in.bounded();
        candidate.periodTypes = c.periodTypes().toArray(String[]::new);
        candidate.description = blankToNull(in.description());
        return candidate;
    }

    /** Every domain by framework and order, with the number of indicators in each. */
    public List<DomainView> domains() {
        Map<String, Long> counts = domains.indicatorCounts();
        return domains.listAll(Sort.by("framework").and("ordinal").and("name")).stream()
                .map(d -> DomainView.of(d, counts.getOrDefault(d.name, 0L))).toList();
    }

    /** What a PUT of a domain did. */
    public record DomainOutcome(DomainView domain, boolean created, boolean changed) {
    }

    /**
     * Creates or changes a domain (catalogue steward only). A change needs If-Match with the version read; the same
     * content again changes nothing (idempotent). Domains publish no event, so the change is audited directly.
     */
    @Transactional
    public DomainOutcome putDomain(String name, DomainInput in, String ifMatch) {
        caller.requireCatalogueSteward();
        Instant now = Instant.now();
        String actor = caller.subject();
        DomainEntity d = domains.findForUpdate(name).orElse(null);
        if (d == null) {
            d = new DomainEntity();
            d.name = name;
            d.ordinal = in.ordinal() != null ? in.ordinal() : (int) domains.count() + 1;
            d.nameEn = in.nameEn();
            d.framework = in.framework() == null ? "other" : in.framework();
            d.version = 1;
            d.createdAt = now;
            d.updatedAt = now;
            d.createdBy = actor;
            d.updatedBy = actor;
            domains.persist(d);
            try {
                domains.flush();
            } catch (PersistenceException ex) {
                throw ProblemException.conflict("indicator.domain.concurrent", name);
            }
            DomainView v = DomainView.of(d, 0L);
            audit.recordChange("domain", d.name, d.version, null, v, "created");
            return new DomainOutcome(v, true, true);
        }
        String nameEn = in.nameEn() != null ? in.nameEn() : d.nameEn;
        String framework = in.framework() != null ? in.framework() : d.framework;
        int ordinal = in.ordinal() != null ? in.ordinal() : d.ordinal;
        if (Objects.equals(nameEn, d.nameEn) && framework.equals(d.framework) && ordinal == d.ordinal) {
            return new DomainOutcome(DomainView.of(d, domains.indicatorCounts().getOrDefault(d.name, 0L)), false, false);
        }
        ETags.requireMatch(ifMatch, d.version, "indicator.noun.the-domain");
        d.nameEn = nameEn;
        d.framework = framework;
        d.ordinal = ordinal;
        d.version++;
        d.updatedAt = now;
        d.updatedBy = actor;
        domains.flush();
        DomainView v = DomainView.of(d, domains.indicatorCounts().getOrDefault(d.name, 0L));
        audit.recordChange("domain", d.name, d.version, null, v, "changed");
        return new DomainOutcome(v, false, true);
    }

    static boolean sameContent(IndicatorEntity a, IndicatorEntity b) {
        return Objects.equals(a.name, b.name) && Objects.equals(a.nameEn, b.nameEn) && Arrays.equals(a.aliases, b.aliases)
                && Objects.equals(a.domain, b.domain) && Objects.equals(a.unit, b.unit) && Objects.equals(a.valueType, b.valueType)
                && Objects.equals(a.direction, b.direction) && a.precision == b.precision && Arrays.equals(a.departments, b.departments)
                && Objects.equals(a.obtained, b.obtained) && Objects.equals(a.scale, b.scale)
                && Objects.equals(a.numeratorLabel, b.numeratorLabel) && Objects.equals(a.denominatorLabel, b.denominatorLabel)
                && a.bounded == b.bounded && Objects.equals(a.facilityType, b.facilityType) && Objects.equals(a.measure, b.measure)
                && Objects.equals(a.scopeLevel, b.scopeLevel) && Objects.equals(a.area, b.area) && a.hostBased == b.hostBased
                && Arrays.equals(a.periodTypes, b.periodTypes) && Objects.equals(a.description, b.description);
    }

    static void copy(IndicatorEntity from, IndicatorEntity to) {
        to.name = from.name;
        to.nameEn = from.nameEn;
        to.matchKey = from.matchKey;
        to.aliases = from.aliases;
        to.domain = from.domain;
        to.unit = from.unit;
        to.valueType = from.valueType;
        to.direction = from.direction;
        to.precision = from.precision;
        to.departments = from.departments;
        to.obtained = from.obtained;
        to.scale = from.scale;
        to.numeratorLabel = from.numeratorLabel;
        to.denominatorLabel = from.denominatorLabel;
        to.bounded = from.bounded;
        to.facilityType = from.facilityType;
        to.measure = from.measure;
        to.scopeLevel = from.scopeLevel;
        to.area = from.area;
        to.hostBased = from.hostBased;
        to.periodTypes = from.periodTypes;
        to.description = from.description;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    interface Parse<T> {
        T get();
    }

    static <T> T parse(Parse<T> p, String field, List<Issue> issues) {
        try {
            return p.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            // a parser handed null fails without a message: the field was left out
            Message why = e.getMessage() == null ? Message.of("common.field.required") : Message.of(e);
            issues.add(new Issue(field, why));
            return null;
        }
    }
}
