package cn.tongyou.facility.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normal form of the free JSON values of a facility (attributes, checklist), so that the same content read from a
 * request, a CSV cell or the database compares equal: keys sorted, whole numbers as {@link Long}, other numbers as
 * {@link Double}.
 */
public final class FacilityValues {

    private FacilityValues() {
    }

    public static Map<String, Object> normalise(Map<String, ?> values) {
        Map<String, Object> result = new TreeMap<>();
        if (values != null) {
            values.forEach((key, value) -> result.put(key, normaliseValue(value)));
        }
        return result;
    }

    public static Object normaliseValue(Object value) {
        if (value instanceof Number n) {
            return normaliseNumber(n);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> nested = new TreeMap<>();
            map.forEach((k, v) -> nested.put(String.valueOf(k), normaliseValue(v)));
            return nested;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(normaliseValue(v)));
            return copy;
        }
        return value;
    }

    /** Whole numbers that fit a long become {@link Long}; everything else a {@link Double}. */
    public static Object normaliseNumber(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        BigDecimal decimal = n instanceof BigDecimal d ? d : (Double.isFinite(n.doubleValue()) ? new BigDecimal(n.toString()) : null);
        if (decimal == null) {
            return n.doubleValue();
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) {
            return stripped.longValueExact();
        }
        return decimal.doubleValue();
    }
}
