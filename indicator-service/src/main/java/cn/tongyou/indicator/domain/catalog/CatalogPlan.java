package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.indicator.domain.TargetLevel;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one catalogue document contributes: the domains, the indicators (new ones, or further sources of indicators
 * other plans already named), the local and reference targets of its region, and what was left out and why.
 */
public record CatalogPlan(List<DomainDraft> domains, List<IndicatorDraft> indicators, List<TargetDraft> targets,
                          List<Skip> skipped, List<String> warnings, List<ItemHome> homes) {

    public CatalogPlan(List<DomainDraft> domains, List<IndicatorDraft> indicators, List<TargetDraft> targets,
                       List<Skip> skipped, List<String> warnings) {
        this(domains, indicators, targets, skipped, warnings, List.of());
    }

    /**
     * Where one item of the plan lives now (issue 14, "nothing silently dropped"): every indicator-table target, reference
     * target, milestone and facility target of the document gets one, with its places (targets of this import, or the
     * milestone task-service keeps) or the reasons it has none.
     *
     * @param item         indicator-table, reference, milestone or facility-target
     * @param facilityType for a facility target: its type code
     * @param facilityKind for a facility target: count, coverage or standard
     */
    public record ItemHome(String item, String number, String what, String facilityType, String facilityKind,
                           List<Place> places, List<String> reasons) {

        /** measured (a target judged from values), assessed (a target that needs a person's verdict), milestone, unhomed. */
        public String status() {
            if (places.stream().anyMatch(p -> p.kind().equals("target") && !p.assessed())) {
                return "measured";
            }
            if (places.stream().anyMatch(p -> p.kind().equals("target"))) {
                return "assessed";
            }
            if (places.stream().anyMatch(p -> p.kind().equals("milestone"))) {
                return "milestone";
            }
            return "unhomed";
        }
    }

    /**
     * @param kind          target (of indicator {@code indicatorCode}, year, level) or milestone (kept by task-service)
     * @param assessed      the target needs an assessment (qualitative, or a standard the seeds do not define)
     */
    public record Place(String kind, String indicatorCode, Integer year, String level, boolean assessed, String note) {
    }

    public record DomainDraft(String name, String nameEn, String framework, int ordinal) {
    }

    /** Where an indicator or target was read. */
    public record SourceRef(String document, String kind, String number, String quote) {
    }

    /**
     * A target of the document's region.
     *
     * @param indicatorKey the match key of its indicator draft
     * @param sourceKind   indicator-table, reference, milestone or facility-target
     */
    public record TargetDraft(String indicatorKey, int year, TargetLevel level, TargetSpec spec, String text, String note,
                              List<String> responsibleUnits, String sourceKind, String sourceNumber, String quote,
                              boolean yearInferred) {
    }

    /** A catalogue entry that gave no target, with the reason (qualitative milestone, facility deliverable …). */
    public record Skip(String sourceKind, String number, String what, String reason) {
    }

    /** An indicator as the document describes it; mutable while the document is read (several rows may name it). */
    public static final class IndicatorDraft {
        public final String matchKey;
        public final Set<String> keys = new LinkedHashSet<>();
        public String code;
        public boolean curated;
        public String name;
        public String nameEn;
        public final Set<String> aliases = new LinkedHashSet<>();
        public String domain;
        public String unit;
        public ValueType valueType;
        public Direction direction;
        public int precision;
        public final Set<String> departments = new LinkedHashSet<>();
        public Obtained obtained;
        public Computation computation;
        public Derivation derivation;
        public boolean bounded = true;
        public Set<Period.Type> periodTypes;
        public final List<SourceRef> sources = new ArrayList<>();

        public IndicatorDraft(String matchKey) {
            this.matchKey = matchKey;
            keys.add(matchKey);
        }

        /** The draft as the rules see it (to check the document's targets against it). */
        public Indicator toIndicator() {
            return new Indicator(code, name, nameEn, domain, unit, valueType, direction, precision, List.copyOf(departments),
                    obtained, computation, derivation, bounded, periodTypes);
        }
    }
}
