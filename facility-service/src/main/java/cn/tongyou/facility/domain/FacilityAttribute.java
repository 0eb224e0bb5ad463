package cn.tongyou.facility.domain;

/**
 * An attribute a facility type declares (a public place's floor area and daily visitors). Declared attributes are
 * type-checked; a facility may carry other, free attributes besides.
 *
 * @param code        key in the facility's {@code attributes} object
 * @param nameZh      name in Chinese
 * @param valueType   number, integer, text or boolean
 * @param minimum     least allowed value of a number, or null
 * @param unit        unit of a number, or null
 * @param description meaning
 */
public record FacilityAttribute(String code, String nameZh, FacilityValueType valueType, Double minimum, String unit,
                                String description) {
}
