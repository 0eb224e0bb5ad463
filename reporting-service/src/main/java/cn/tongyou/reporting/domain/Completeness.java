package cn.tongyou.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * Completeness and timeliness of one region for one period (docs/discipline/completeness.md): how many values and
 * progress reports were expected, received, received on time and accepted, for the region as a whole, per child
 * region and per unit. The snapshot section and the base of the API's answer.
 *
 * @param valuesDeadline  the last day a value of the period counts as on time
 * @param reportsPeriod   the half-year whose progress reports are expected (the period itself, or H2 of a year)
 * @param reportsDeadline the last day such a report counts as on time
 * @param total           the region's whole subtree
 * @param children        one line per region at the level below, worst first
 * @param units           one line per responsible or lead unit, worst first (in a compliance view's JSON: the first
 *                        {@link Compliance#INLINE})
 * @param unitCount       how many unit lines there are (null in snapshots stored before issue 16)
 * @param unitsHref       in a compliance view's JSON: where every unit line is served; else null
 */
public record Completeness(String region, String regionName, String level, String period, LocalDate asOf,
                           LocalDate valuesDeadline, String reportsPeriod, LocalDate reportsDeadline,
                           CompletenessLine total, List<CompletenessLine> children, List<CompletenessLine> units,
                           Integer unitCount, String unitsHref) {

    public Completeness(String region, String regionName, String level, String period, LocalDate asOf,
                        LocalDate valuesDeadline, String reportsPeriod, LocalDate reportsDeadline,
                        CompletenessLine total, List<CompletenessLine> children, List<CompletenessLine> units) {
        this(region, regionName, level, period, asOf, valuesDeadline, reportsPeriod, reportsDeadline, total, children, units,
                units == null ? null : units.size(), null);
    }

    /** The units cut to the first {@link Compliance#INLINE}, with their number and where all of them are. */
    Completeness summarised(String href) {
        return new Completeness(region, regionName, level, period, asOf, valuesDeadline, reportsPeriod, reportsDeadline, total,
                children, Compliance.first(units), units == null ? null : units.size(), href);
    }

    /**
     * Counts of one kind of item and the rates computed from them (4 decimals, half up; null when nothing is expected).
     * On time and accepted are parts of received; missing = expected − received.
     */
    public record CompletenessCounts(int expected, int received, int onTime, int accepted, int missing,
                                     BigDecimal receivedRate, BigDecimal onTimeRate, BigDecimal acceptedRate) {

        public static final CompletenessCounts NONE = of(0, 0, 0, 0);

        public static CompletenessCounts of(int expected, int received, int onTime, int accepted) {
            return new CompletenessCounts(expected, received, onTime, accepted, expected - received,
                    rate(received, expected), rate(onTime, expected), rate(accepted, expected));
        }

        /** Sums counts, never rates: the rates of the sum are computed from the summed counts. */
        public CompletenessCounts plus(CompletenessCounts o) {
            return of(expected + o.expected, received + o.received, onTime + o.onTime, accepted + o.accepted);
        }

        static BigDecimal rate(int part, int whole) {
            return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
        }
    }

    /**
     * One region's or one unit's counts: values, progress reports and both together.
     *
     * @param region the region's code (a region line), or null (a unit line)
     * @param unitId the unit's id (a unit line whose unit is known to the task service), else null
     * @param name   the region's or unit's name (a responsible unit known only by the name a target gives)
     * @param level  the region's level (a region line)
     */
    public record CompletenessLine(String region, String unitId, String name, String level, CompletenessCounts values,
                                   CompletenessCounts reports, CompletenessCounts all) {

        public static CompletenessLine of(String region, String unitId, String name, String level, CompletenessCounts values,
                                          CompletenessCounts reports) {
            return new CompletenessLine(region, unitId, name, level, values, reports, values.plus(reports));
        }
    }
}
