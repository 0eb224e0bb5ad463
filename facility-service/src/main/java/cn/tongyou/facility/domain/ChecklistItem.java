package cn.tongyou.facility.domain;

/**
 * One item of a facility type's standard.
 *
 * @param code        stable ASCII code used as the key in a facility's checklist ({@code venue}, {@code area-m2})
 * @param nameZh      name as in the documents (有场所, 使用面积)
 * @param nameEn      English name
 * @param valueType   boolean (the item is met when true) or number (met when at least {@code minimum})
 * @param required    whether the standard requires the item; optional items are recorded but never make a gap
 * @param minimum     for numbers: the least value that meets the item, or null when any value does
 * @param unit        unit of a number (m²), or null
 * @param description what the item means, where it comes from
 */
public record ChecklistItem(String code, String nameZh, String nameEn, FacilityValueType valueType, boolean required,
                            Double minimum, String unit, String description) {

    /** Whether a recorded value (already type-checked) meets this item. */
    public boolean isMetBy(Object value) {
        if (value == null) {
            return false;
        }
        return switch (valueType) {
            case BOOLEAN -> Boolean.TRUE.equals(value);
            case NUMBER, INTEGER -> value instanceof Number n && (minimum == null || n.doubleValue() >= minimum);
            case TEXT -> value instanceof String s && !s.isBlank();
        };
    }
}
