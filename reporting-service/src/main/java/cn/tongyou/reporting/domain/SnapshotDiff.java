package cn.tongyou.reporting.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two compliance views of the same shape (usually two snapshots). Plain Java. A new or resolved
 * warning names its first {@link Compliance#INLINE} regions and their number, as the view does: the complete lists
 * are each snapshot's own (GET /api/v1/snapshots/{id}/warnings).
 */
public record SnapshotDiff(String from, String to, Integer scoreFrom, Integer scoreTo, Map<String, Integer> totalsDelta,
                           List<Change> changes, List<Compliance.Warning> newWarnings,
                           List<Compliance.Warning> resolvedWarnings) {

    /** @param what target, milestone, facility or approval (a region's approval status for the period) */
    public record Change(String what, String id, String label, String before, String after) {
    }

    public static SnapshotDiff compare(Compliance a, Compliance b) {
        Map<String, Integer> delta = new LinkedHashMap<>();
        for (String s : Compliance.STATUSES) {
            delta.put(s, b.summary().totals().getOrDefault(s, 0) - a.summary().totals().getOrDefault(s, 0));
        }
        List<Change> changes = new ArrayList<>();
        Map<String, Compliance.TargetItem> ta = a.targets().stream().collect(Collectors.toMap(Compliance.TargetItem::id, t -> t, (x, y) -> x, LinkedHashMap::new));
        Map<String, Compliance.TargetItem> tb = b.targets().stream().collect(Collectors.toMap(Compliance.TargetItem::id, t -> t, (x, y) -> x, LinkedHashMap::new));
        for (var e : tb.entrySet()) {
            Compliance.TargetItem before = ta.get(e.getKey());
            if (before == null || !Objects.equals(before.status(), e.getValue().status())) {
                changes.add(new Change("target", e.getKey(), e.getValue().indicatorName(), before == null ? null : before.status(), e.getValue().status()));
            }
        }
        for (var e : ta.entrySet()) {
            if (!tb.containsKey(e.getKey())) {
                changes.add(new Change("target", e.getKey(), e.getValue().indicatorName(), e.getValue().status(), null));
            }
        }
        Map<String, Compliance.MilestoneItem> ma = a.milestones().stream().collect(Collectors.toMap(Compliance.MilestoneItem::id, t -> t, (x, y) -> x, LinkedHashMap::new));
        Map<String, Compliance.MilestoneItem> mb = b.milestones().stream().collect(Collectors.toMap(Compliance.MilestoneItem::id, t -> t, (x, y) -> x, LinkedHashMap::new));
        for (var e : mb.entrySet()) {
            Compliance.MilestoneItem before = ma.get(e.getKey());
            if (before == null || !Objects.equals(before.state(), e.getValue().state())) {
                changes.add(new Change("milestone", e.getKey(), e.getValue().statement(), before == null ? null : before.state(), e.getValue().state()));
            }
        }
        for (var e : ma.entrySet()) {
            if (!mb.containsKey(e.getKey())) {
                changes.add(new Change("milestone", e.getKey(), e.getValue().statement(), e.getValue().state(), null));
            }
        }
        Map<String, Compliance.FacilityItem> fa = a.facilities().stream().collect(Collectors.toMap(Compliance.FacilityItem::facilityType, f -> f, (x, y) -> x));
        for (Compliance.FacilityItem f : b.facilities()) {
            Compliance.FacilityItem before = fa.get(f.facilityType());
            String after = f.covered() + "/" + f.eligible();
            String was = before == null ? null : before.covered() + "/" + before.eligible();
            if (!after.equals(was)) {
                changes.add(new Change("facility", f.facilityType(), "覆盖", was, after));
            }
        }
        // snapshots stored before issue 15 have no approvals: compared as none
        Map<String, Discipline.ApprovalState> aa = new LinkedHashMap<>();
        (a.approvals() == null ? List.<Discipline.ApprovalState>of() : a.approvals()).forEach(x -> aa.put(x.region(), x));
        for (Discipline.ApprovalState x : b.approvals() == null ? List.<Discipline.ApprovalState>of() : b.approvals()) {
            Discipline.ApprovalState before = aa.get(x.region());
            if (before == null || !Objects.equals(before.status(), x.status())) {
                changes.add(new Change("approval", x.region(), x.regionName(), before == null ? null : before.status(), x.status()));
            }
        }
        Set<String> wa = a.warnings().stream().map(Compliance.Warning::key).collect(Collectors.toSet());
        Set<String> wb = b.warnings().stream().map(Compliance.Warning::key).collect(Collectors.toSet());
        return new SnapshotDiff(a.snapshotId(), b.snapshotId(), a.summary().score(), b.summary().score(), delta, changes,
                b.warnings().stream().filter(w -> !wa.contains(w.key())).map(Compliance.Warning::summarised).toList(),
                a.warnings().stream().filter(w -> !wb.contains(w.key())).map(Compliance.Warning::summarised).toList());
    }
}
