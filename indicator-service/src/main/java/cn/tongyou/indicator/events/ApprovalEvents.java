package cn.tongyou.indicator.events;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.events.Topics;
import cn.tongyou.indicator.domain.Approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code cfc.approval.changed.v1}; key = {@code <region>:<period>}. Carries the whole history, so that a reader
 * (reporting-service's snapshots, an office's own system) needs no other message to show who did what at which level.
 */
public final class ApprovalEvents {

    public static final String TOPIC = Topics.APPROVALS;
    public static final String CHANGED = "cfc.approval.changed.v1";

    private ApprovalEvents() {
    }

    public static String key(Approval a) {
        return a.region().value() + ":" + a.period();
    }

    public static DomainEvent changed(Approval a) {
        return DomainEvent.changed(TOPIC, CHANGED, key(a), a.version(), data(a));
    }

    public static Map<String, Object> data(Approval a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("region", a.region().value());
        // indicator-service keeps codes only; readers name the region from cfc.regions
        d.put("regionName", null);
        d.put("regionLevel", a.region().level().code());
        d.put("period", a.period().toString());
        d.put("status", a.status().code());
        d.put("acceptorLevel", a.acceptorLevel() == null ? null : a.acceptorLevel().code());
        d.put("version", a.version());
        d.put("updatedAt", a.updatedAt().toString());
        d.put("updatedBy", a.updatedBy());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Approval.Step s : a.history()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", s.action().code());
            m.put("level", s.level() == null ? null : s.level().code());
            m.put("actor", s.actor());
            m.put("at", s.at().toString());
            m.put("comment", s.comment());
            m.put("observations", s.observations().stream().map(Object::toString).toList());
            steps.add(m);
        }
        d.put("history", steps);
        return d;
    }
}
