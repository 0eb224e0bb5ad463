package cn.tongyou.reporting.domain;

import cn.tongyou.common.indicator.Assessment;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.schedule.MilestoneStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the compliance rules read, as plain values loaded from the projections: the regions of a subtree, facilities,
 * the indicator catalogue, targets, approved observations, plans, tasks, milestones and progress reports.
 */
public record Facts(Map<String, Region> regions, List<Facility> facilities, Map<String, IndicatorDef> indicators,
                    List<Target> targets, List<Observation> observations, Map<String, Plan> plans, Map<String, Task> tasks,
                    List<Milestone> milestones, List<Report> reports, Map<String, Unit> units) {

    /**
     * @param urbanRuralCode 城乡分类代码 of a village (1xx urban, 2xx rural) as imported, or null
     * @param urbanRural     the class facility-service records ({@code urban}/{@code rural}, imported or derived from
     *                       the name), or null; the code wins when both are there ({@code UrbanRural.inArea})
     */
    public record Region(String code, String name, String level, String parentCode, String urbanRuralCode,
                         String urbanRural, boolean retired) {

        /** A region without a recorded class (only the code, if any). */
        public Region(String code, String name, String level, String parentCode, String urbanRuralCode, boolean retired) {
            this(code, name, level, parentCode, urbanRuralCode, null, retired);
        }
    }

    /**
     * @param openedOn           the day it opened (null: unknown — counted as open all along, never as 新建)
     * @param closedOn           the day it closed, or null
     * @param certificationLevel 示范 level: county, prefecture, province, or null
     * @param standardGaps       the required items of its type's standard its checklist misses
     */
    public record Facility(String id, String type, String regionCode, String status, boolean meetsStandard,
                           String hostFacilityId, Boolean hostRequired, long version, String name, LocalDate openedOn,
                           LocalDate closedOn, String certificationLevel, List<String> standardGaps) {

        public Facility(String id, String type, String regionCode, String status, boolean meetsStandard,
                        String hostFacilityId, Boolean hostRequired, long version) {
            this(id, type, regionCode, status, meetsStandard, hostFacilityId, hostRequired, version, null, null, null, null, List.of());
        }

        public Facility {
            standardGaps = standardGaps == null ? List.of() : List.copyOf(standardGaps);
        }

        public boolean countsForCoverage() {
            return "open".equals(status) && meetsStandard;
        }

        /** Open (and up to standard) at the end of {@code day}, as far as its dates tell: for the years before today. */
        public boolean countedOn(LocalDate day) {
            if (!meetsStandard || (openedOn != null && openedOn.isAfter(day))) {
                return false;
            }
            if (closedOn != null) {
                return closedOn.isAfter(day);
            }
            return "open".equals(status) || ("suspended".equals(status) && openedOn != null);
        }
    }

    public record IndicatorDef(Indicator indicator, long version) {
    }

    /** @param note why the target needs an assessment, or how the plan was read; sourceKind/sourceNumber: where it was read */
    public record Target(String id, String indicatorCode, String regionCode, int year, String level, TargetSpec spec,
                         Assessment assessment, String text, List<String> responsibleUnits, long version, String note,
                         String sourceKind, String sourceNumber) {

        public Target(String id, String indicatorCode, String regionCode, int year, String level, TargetSpec spec,
                      Assessment assessment, String text, List<String> responsibleUnits, long version) {
            this(id, indicatorCode, regionCode, year, level, spec, assessment, text, responsibleUnits, version, null, null, null);
        }

        /**
         * Whether this target may be the one in force for {@code period}: the region's own target (not a reference the
         * plan quotes beside it) of a year the period still works toward. Of several, {@link #nearer} counts.
         */
        public boolean mayBeInForce(Period period) {
            return "local".equals(level) && year >= period.year();
        }

        /** Of two targets of one (region, indicator) that may be in force, the one in force: the nearer year, then the smaller id. */
        public static Target nearer(Target a, Target b) {
            return a.year() < b.year() || (a.year() == b.year() && a.id().compareTo(b.id()) <= 0) ? a : b;
        }
    }

    /** The approved value of an observation (the one that counts). */
    public record Observation(String id, String indicatorCode, String regionCode, Period period, BigDecimal value,
                              String text, BigDecimal numerator, BigDecimal denominator, long version) {
    }

    public record Plan(String id, String regionCode, String title, String status, long version) {
    }

    public record UnitRef(String id, String name) {
    }

    public record Task(String id, String planId, String regionCode, String number, String domain, String title,
                       List<UnitRef> leadUnits, long version) {
    }

    /** @param facilityType the facility type a deliverable counts, or null; value: its number, or null */
    public record Milestone(String id, String taskId, String planId, String regionCode, LocalDate dueDate,
                            MilestoneStatus status, String statement, long version, String facilityType, BigDecimal value) {

        public Milestone(String id, String taskId, String planId, String regionCode, LocalDate dueDate,
                         MilestoneStatus status, String statement, long version) {
            this(id, taskId, planId, regionCode, dueDate, status, statement, version, null, null);
        }
    }

    public record Report(String id, String taskId, String unitId, String period, String status, long version) {
    }

    public record Unit(String id, String name, List<String> aliases) {
    }
}
