package cn.tongyou.facility.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.facility.domain.Region;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code cfc.region.changed.v1} events (schema in common/…/events/schemas). */
public final class RegionEvents {

    public static final String TOPIC = Topics.REGIONS;
    public static final String CHANGED = "cfc.region.changed.v1";

    private RegionEvents() {
    }

    public static DomainEvent changed(Region region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", region.code().value());
        data.put("name", region.name());
        data.put("level", region.level().code());
        data.put("parentCode", region.parent() == null ? null : region.parent().value());
        data.put("urbanRuralCode", region.urbanRuralCode());
        data.put("urbanRural", region.urbanRural() == null ? null : region.urbanRural().code());
        data.put("urbanRuralSource", region.urbanRuralSource() == null ? null : region.urbanRuralSource().code());
        data.put("validFrom", region.validFrom() == null ? null : region.validFrom().toString());
        data.put("validTo", region.validTo() == null ? null : region.validTo().toString());
        data.put("generated", region.generated());
        data.put("version", region.version());
        return DomainEvent.changed(TOPIC, CHANGED, region.code().value(), region.version(), data);
    }
}
