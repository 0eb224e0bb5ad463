package cn.tongyou.indicator.events;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.events.Topics;
import cn.tongyou.indicator.domain.quality.QualityFinding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code cfc.quality-finding.changed.v1}; key = finding id. Every version of a finding: detected, changed,
 * resolved, cleared, opened again — with the values involved, so that a snapshot lists open violations from the events.
 */
public final class QualityFindingEvents {

    public static final String TOPIC = Topics.QUALITY_FINDINGS;
    public static final String CHANGED = "cfc.quality-finding.changed.v1";

    private QualityFindingEvents() {
    }

    public static DomainEvent changed(QualityFinding f) {
        return DomainEvent.changed(TOPIC, CHANGED, f.id().toString(), f.version(), data(f));
    }

    public static Map<String, Object> data(QualityFinding f) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", f.id().toString());
        d.put("kind", f.kind().code());
        d.put("ruleCode", f.ruleCode());
        d.put("importance", f.importance().code());
        d.put("blocking", f.blocking());
        d.put("region", f.regionCode());
        d.put("period", f.period().toString());
        d.put("indicatorCodes", f.indicatorCodes());
        List<Map<String, Object>> values = f.values().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("indicator", v.indicator());
            m.put("part", v.part());
            m.put("value", v.value());
            m.put("observationId", v.observationId() == null ? null : v.observationId().toString());
            return m;
        }).toList();
        d.put("values", values);
        d.put("message", f.message());
        d.put("messageZh", f.messageZh());
        d.put("score", f.score());
        d.put("status", f.status().code());
        d.put("detectedAt", f.detectedAt().toString());
        d.put("clearedBy", f.clearedBy());
        d.put("clearedAt", f.clearedAt() == null ? null : f.clearedAt().toString());
        d.put("comment", f.comment());
        d.put("version", f.version());
        d.put("updatedAt", f.updatedAt().toString());
        return d;
    }
}
