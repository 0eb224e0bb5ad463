package cn.tongyou.common.events;

import java.util.List;

/**
 * The Kafka topics of the platform's events, each a compacted, replayable table of one aggregate keyed by its id. The
 * producers publish to these names ({@link cn.tongyou.common.kafka.TopicOwners}), reporting-service consumes the state
 * topics of the other services, and the deployment checks (module k8s-manifests) hold the manifests and
 * reporting-service's channel properties to this list. {@link #REMINDERS} is reporting-service's own output, for the
 * offices' systems: no platform service reads it.
 */
public final class Topics {

    public static final String REGIONS = "cfc.regions";
    public static final String FACILITIES = "cfc.facilities";
    public static final String INDICATORS = "cfc.indicators";
    public static final String TARGETS = "cfc.targets";
    public static final String OBSERVATIONS = "cfc.observations";
    public static final String PLANS = "cfc.plans";
    public static final String TASKS = "cfc.tasks";
    public static final String MILESTONES = "cfc.milestones";
    public static final String PROGRESS_REPORTS = "cfc.progress-reports";
    public static final String UNITS = "cfc.units";
    /** Region-period approvals up the hierarchy (indicator-service, issue 15). */
    public static final String APPROVALS = "cfc.approvals";
    /** Data-quality findings: rule violations, outliers, bounds (indicator-service, issue 15). */
    public static final String QUALITY_FINDINGS = "cfc.quality-findings";
    /** Reminders issued (reporting-service, issue 15). */
    public static final String REMINDERS = "cfc.reminders";

    /** Every event topic, in the order the aggregates depend on each other. */
    public static final List<String> ALL = List.of(REGIONS, FACILITIES, INDICATORS, TARGETS, OBSERVATIONS, PLANS, TASKS,
            MILESTONES, PROGRESS_REPORTS, UNITS, APPROVALS, QUALITY_FINDINGS, REMINDERS);

    private Topics() {
    }
}
