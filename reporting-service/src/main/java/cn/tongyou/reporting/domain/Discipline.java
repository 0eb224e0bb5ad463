package cn.tongyou.reporting.domain;

import cn.tongyou.common.discipline.ApprovalLevels;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reporting discipline as the snapshot shows it (issue 15): the approval states of a region and its children for the
 * period, as projected from {@code cfc.approvals}, and the warnings for open data-quality findings
 * ({@code cfc.quality-findings}) and for approvals waiting for acceptance. Plain Java.
 */
public final class Discipline {

    public static final String QUALITY_VIOLATION = "quality-violation";
    public static final String OUTLIER = "outlier";
    public static final String AWAITING_ACCEPTANCE = "approval-awaiting-acceptance";

    private Discipline() {
    }

    /**
     * One region's approval for the period: its status (open, submitted, returned, accepted), the level it belongs to
     * and the level that accepts it, who changed it last and when, the latest step's comment and every step.
     */
    public record ApprovalState(String region, String regionName, String level, String status, String acceptorLevel,
                                long version, Instant updatedAt, String updatedBy, String comment, List<ApprovalStep> history) {
    }

    /** @param action submitted, accepted, returned or reopened; observations: the values a return sent back */
    public record ApprovalStep(String action, String level, String actor, Instant at, String comment, List<String> observations) {
    }

    /**
     * An open data-quality finding of indicator-service.
     *
     * @param kind rule, bounds or outlier; values: the values involved
     */
    public record Finding(String id, String kind, String ruleCode, String importance, boolean blocking, String region,
                          String period, List<FindingValue> values, String message, String messageZh, BigDecimal score) {
    }

    public record FindingValue(String indicator, String part, BigDecimal value) {
    }

    /**
     * The approval of the root and of each of its direct children at an approval level, for the period: the projected
     * state, or {@code open} at version 0 where none was ever recorded (no row yet = open). By region code. The region's
     * name comes from the region projection when the event has none (indicator-service keeps codes only).
     */
    public static List<ApprovalState> approvals(List<ApprovalState> projected, RegionCode root, Map<String, Facts.Region> regions,
                                                ApprovalLevels levels) {
        // names looked up where an approval lacks one, not copied for the subtree's 50,000 regions
        Map<String, ApprovalState> byRegion = new TreeMap<>();
        projected.forEach(a -> byRegion.put(a.region(), a.regionName() != null ? a : new ApprovalState(a.region(),
                name(regions.get(a.region())), a.level(), a.status(), a.acceptorLevel(), a.version(), a.updatedAt(), a.updatedBy(),
                a.comment(), a.history())));
        List<Facts.Region> candidates = new ArrayList<>();
        for (Facts.Region r : regions.values()) {
            if ((r.code().equals(root.value()) || root.value().equals(r.parentCode())) && !r.retired()) {
                candidates.add(r);
            }
        }
        for (Facts.Region r : candidates) {
            RegionLevel level;
            try {
                level = RegionLevel.ofCode(r.level());
            } catch (RuntimeException e) {
                continue;
            }
            if (levels.isApprovalLevel(level) && !byRegion.containsKey(r.code())) {
                byRegion.put(r.code(), new ApprovalState(r.code(), r.name(), level.code(), "open",
                        levels.above(level).map(RegionLevel::code).orElse(null), 0, null, null, null, List.of()));
            }
        }
        return List.copyOf(byRegion.values());
    }

    private static String name(Facts.Region r) {
        return r == null ? null : r.name();
    }

    /**
     * A warning per open finding ({@value #OUTLIER} for an outlier, {@value #QUALITY_VIOLATION} for a rule or bounds
     * violation), with the values involved, and one per approval submitted and not yet accepted or returned
     * ({@value #AWAITING_ACCEPTANCE}).
     */
    public static List<Compliance.Warning> warnings(List<ApprovalState> approvals, List<Finding> findings, Map<String, String> regionNames) {
        List<Compliance.Warning> warnings = new ArrayList<>();
        for (Finding f : findings) {
            StringBuilder m = new StringBuilder(f.messageZh() != null ? f.messageZh() : f.message() == null ? "" : f.message());
            if (!f.values().isEmpty()) {
                m.append("（");
                for (int i = 0; i < f.values().size(); i++) {
                    FindingValue v = f.values().get(i);
                    m.append(i == 0 ? "" : "，").append(v.indicator()).append("value".equals(v.part()) || v.part() == null ? "" : "." + v.part())
                            .append(" = ").append(v.value() == null ? "无" : v.value().stripTrailingZeros().toPlainString());
                }
                m.append("）");
            }
            if (f.blocking()) {
                m.append(" [阻止提交]");
            }
            warnings.add(new Compliance.Warning(OUTLIER.equals(f.kind()) ? OUTLIER : QUALITY_VIOLATION, f.id(), m.toString(), List.of(),
                    List.of(new Compliance.RegionRef(f.region(), regionNames.get(f.region())))));
        }
        for (ApprovalState a : approvals) {
            if ("submitted".equals(a.status())) {
                String name = a.regionName() != null ? a.regionName() : regionNames.getOrDefault(a.region(), a.region());
                warnings.add(new Compliance.Warning(AWAITING_ACCEPTANCE, a.region(),
                        name + " 已于 " + a.updatedAt() + " 由 " + a.updatedBy() + " 提交审核，待" + levelZh(a.acceptorLevel()) + "验收",
                        List.of(), List.of(new Compliance.RegionRef(a.region(), name))));
            }
        }
        return warnings;
    }

    static String levelZh(String level) {
        if (level == null) {
            return "上级";
        }
        return switch (level) {
            case "province" -> "省级";
            case "prefecture" -> "地级";
            case "county" -> "县级";
            default -> level;
        };
    }
}
