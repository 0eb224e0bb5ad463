package cn.tongyou.facility.domain;

/**
 * Whether a public place (公共场所) must host a 母婴室 (docs/design.md §6.4, 国卫指导发〔2016〕63号): a place with a floor area of
 * at least 10,000 m² or at least 10,000 visitors a day.
 */
public final class HostRule {

    public static final String CODE = "mother-baby-room-host";
    public static final double FLOOR_AREA_THRESHOLD_M2 = 10_000;
    public static final long DAILY_VISITORS_THRESHOLD = 10_000;
    public static final String FLOOR_AREA = "floorAreaM2";
    public static final String DAILY_VISITORS = "dailyVisitors";
    public static final String DESCRIPTION = "a public place must host a 母婴室 when its floor area (attribute floorAreaM2) is at least "
            + "10,000 m² or its daily visitors (attribute dailyVisitors) are at least 10,000 (建筑面积超过1万平方米或日客流量超过1万人)";

    private HostRule() {
    }

    /**
     * True when either known figure reaches its threshold, false when both are known and below, null when it cannot
     * be decided (one figure below and the other unknown, or both unknown).
     */
    public static Boolean hostRequired(Double floorAreaM2, Long dailyVisitors) {
        boolean areaReached = floorAreaM2 != null && floorAreaM2 >= FLOOR_AREA_THRESHOLD_M2;
        boolean visitorsReached = dailyVisitors != null && dailyVisitors >= DAILY_VISITORS_THRESHOLD;
        if (areaReached || visitorsReached) {
            return Boolean.TRUE;
        }
        if (floorAreaM2 != null && dailyVisitors != null) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** Reads the two figures from a public place's attributes (numbers; anything else counts as unknown). */
    public static Boolean hostRequired(java.util.Map<String, Object> attributes) {
        if (attributes == null) {
            return null;
        }
        Double area = attributes.get(FLOOR_AREA) instanceof Number n ? n.doubleValue() : null;
        Long visitors = attributes.get(DAILY_VISITORS) instanceof Number n ? n.longValue() : null;
        return hostRequired(area, visitors);
    }
}
