package cn.tongyou.indicator.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.indicator.store.IndicatorEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code cfc.indicator.changed.v1} (schema in common/…/events/schemas): the whole indicator and its version. */
public final class IndicatorEvents {

    public static final String TOPIC = Topics.INDICATORS;
    public static final String CHANGED = "cfc.indicator.changed.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private IndicatorEvents() {
    }

    public static DomainEvent changed(IndicatorEntity i) {
        return DomainEvent.changed(TOPIC, CHANGED, i.code, i.version, data(i));
    }

    public static Map<String, Object> data(IndicatorEntity i) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", i.code);
        d.put("name", i.name);
        d.put("nameEn", i.nameEn);
        d.put("aliases", Arrays.asList(i.aliases));
        d.put("domain", i.domain);
        d.put("unit", i.unit);
        d.put("valueType", i.valueType);
        d.put("direction", i.direction);
        d.put("precision", (int) i.precision);
        d.put("departments", Arrays.asList(i.departments));
        d.put("obtained", i.obtained);
        if (i.scale != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("scale", i.scale);
            c.put("numeratorLabel", i.numeratorLabel);
            c.put("denominatorLabel", i.denominatorLabel);
            d.put("computation", c);
        } else {
            d.put("computation", null);
        }
        if (i.facilityType != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("facilityType", i.facilityType);
            c.put("measure", i.measure);
            c.put("level", i.scopeLevel);
            c.put("area", i.area);
            c.put("hostBased", i.hostBased);
            c.put("openedSince", i.openedSince == null ? null : i.openedSince.toString());
            c.put("certifiedAtLeast", i.certifiedAtLeast);
            c.put("nameContains", i.nameContains);
            c.put("standard", i.standard);
            d.put("derivation", c);
        } else {
            d.put("derivation", null);
        }
        d.put("bounded", i.bounded);
        d.put("periodTypes", Arrays.asList(i.periodTypes));
        d.put("description", i.description);
        d.put("sources", sources(i.sources));
        d.put("version", i.version);
        d.put("updatedAt", i.updatedAt.toString());
        return d;
    }

    @SuppressWarnings("unchecked")
    static List<Object> sources(String json) {
        try {
            return JSON.readValue(json == null ? "[]" : json, List.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored sources are not JSON", e);
        }
    }
}
