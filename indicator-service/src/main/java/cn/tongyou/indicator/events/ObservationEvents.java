package cn.tongyou.indicator.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.indicator.domain.Observation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds {@code cfc.observation.changed.v1}; key = observation id. Carries the value as worked on, its status, the
 * approved value that counts, and the step that made this version.
 */
public final class ObservationEvents {

    public static final String TOPIC = Topics.OBSERVATIONS;
    public static final String CHANGED = "cfc.observation.changed.v1";

    private ObservationEvents() {
    }

    public static DomainEvent changed(Observation o, Observation.Revision step) {
        return DomainEvent.changed(TOPIC, CHANGED, o.id().toString(), o.version(), data(o, step));
    }

    public static Map<String, Object> data(Observation o, Observation.Revision step) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", o.id().toString());
        d.put("indicatorCode", o.indicatorCode());
        d.put("regionCode", o.regionCode());
        d.put("period", o.period().toString());
        d.put("value", o.value());
        d.put("valueText", o.text());
        d.put("numerator", o.numerator());
        d.put("denominator", o.denominator());
        d.put("status", o.status().code());
        d.put("source", o.source());
        d.put("note", o.note());
        d.put("reportedBy", o.reportedBy());
        d.put("reportedUnit", o.reportedUnit());
        Observation.Approved a = o.approved();
        if (a != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", a.value());
            m.put("valueText", a.text());
            m.put("numerator", a.numerator());
            m.put("denominator", a.denominator());
            m.put("version", a.version());
            m.put("approvedBy", a.approvedBy());
            m.put("approvedAt", a.approvedAt().toString());
            d.put("approved", m);
        } else {
            d.put("approved", null);
        }
        d.put("lastAction", step == null ? null : step.action());
        d.put("reason", step == null ? null : step.reason());
        d.put("version", o.version());
        d.put("updatedAt", o.updatedAt().toString());
        d.put("updatedBy", o.updatedBy());
        d.put("firstSubmittedAt", o.firstSubmittedAt() == null ? null : o.firstSubmittedAt().toString());
        return d;
    }
}
