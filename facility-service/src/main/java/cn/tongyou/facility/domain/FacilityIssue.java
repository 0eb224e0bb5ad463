package cn.tongyou.facility.domain;

/**
 * Something wrong with a facility's data, found by a domain rule.
 *
 * @param field   JSON path of the offending value ({@code checklist.area-m2}, {@code location.lat})
 * @param message what is wrong, for an API user
 */
public record FacilityIssue(String field, String message) {
}
