package cn.tongyou.indicator.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.indicator.store.TargetEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code cfc.target.changed.v1} and {@code cfc.target.deleted.v1}; key = target id. */
public final class TargetEvents {

    public static final String TOPIC = Topics.TARGETS;
    public static final String CHANGED = "cfc.target.changed.v1";
    public static final String DELETED = "cfc.target.deleted.v1";

    private TargetEvents() {
    }

    public static DomainEvent changed(TargetEntity t) {
        return DomainEvent.changed(TOPIC, CHANGED, t.id.toString(), t.version, data(t));
    }

    /** The deletion carries the version after the last change + 1, so a consumer orders it after every change. */
    public static DomainEvent deleted(TargetEntity t, Instant at) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", t.id.toString());
        d.put("indicatorCode", t.indicatorCode);
        d.put("regionCode", t.regionCode);
        d.put("year", t.year);
        d.put("level", t.level);
        d.put("version", t.version + 1);
        d.put("deletedAt", at.toString());
        return DomainEvent.deleted(TOPIC, DELETED, t.id.toString(), t.version + 1, d);
    }

    public static Map<String, Object> data(TargetEntity t) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", t.id.toString());
        d.put("indicatorCode", t.indicatorCode);
        d.put("regionCode", t.regionCode);
        d.put("year", t.year);
        d.put("level", t.level);
        d.put("kind", t.kind);
        d.put("value", t.value);
        d.put("valueMax", t.valueMax);
        d.put("boolValue", t.boolValue);
        d.put("baselineYear", t.baselineYear);
        d.put("reference", t.reference);
        d.put("text", t.text);
        d.put("note", t.note);
        d.put("responsibleUnits", Arrays.asList(t.responsibleUnits));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("document", t.sourceDocument);
        source.put("kind", t.sourceKind);
        source.put("number", t.sourceNumber);
        source.put("quote", t.sourceQuote);
        source.put("yearInferred", t.yearInferred);
        d.put("source", source);
        if (t.assessmentVerdict != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("verdict", t.assessmentVerdict);
            a.put("reason", t.assessmentReason);
            a.put("assessedBy", t.assessedBy);
            a.put("assessedAt", t.assessedAt == null ? null : t.assessedAt.toString());
            d.put("assessment", a);
        } else {
            d.put("assessment", null);
        }
        d.put("version", t.version);
        d.put("updatedAt", t.updatedAt.toString());
        return d;
    }
}
