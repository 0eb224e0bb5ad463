package cn.tongyou.reporting.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What completeness and timeliness read about a region's whole subtree, as plain values from the projections: the
 * regions, the indicator catalogue, every live target, every observation whatever its status, plans, tasks, progress
 * reports and units.
 */
public record CompletenessFacts(Map<String, Facts.Region> regions, Map<String, Facts.IndicatorDef> indicators,
                                List<Facts.Target> targets, List<Value> values, Map<String, Facts.Plan> plans,
                                Map<String, Facts.Task> tasks, List<Report> reports, Map<String, Facts.Unit> units) {

    /**
     * An observation as it stands, not only its approved value.
     *
     * @param status           draft, submitted or approved
     * @param firstSubmittedAt when it was first submitted (never changes afterwards), null when never or when the event
     *                         predates the field
     */
    public record Value(String id, String indicatorCode, String regionCode, String period, String status,
                        Instant firstSubmittedAt, long version) {
    }

    /** @param status submitted, accepted or returned; late: first submitted after the period's deadline */
    public record Report(String id, String taskId, String unitId, String period, String status, boolean late, long version) {
    }
}
