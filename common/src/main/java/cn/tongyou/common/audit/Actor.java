package cn.tongyou.common.audit;

/**
 * Who caused a change and through which request, as the audit trail records it.
 *
 * @param subject       the token's subject, or {@code system:<job>} for work no request caused
 * @param roles         the token's roles, comma-separated
 * @param region        the token's region claim (a code or CN), null without one
 * @param unit          the token's unit claim, null without one
 * @param operation     the HTTP operation ("POST /api/v1/facilities (FacilityResource.create)")
 * @param requestId     the request's {@code X-Request-Id} (given by the caller or generated)
 * @param clientAddress the caller's address as the service saw it (first X-Forwarded-For hop behind an Ingress)
 */
public record Actor(String subject, String roles, String region, String unit, String operation, String requestId,
                   String clientAddress) {

    /** The actor of work no request caused: a scheduled job, a consumer, a start-up task. */
    public static Actor system(String job) {
        return new Actor("system:" + job, "", null, null, "system: " + job, null, null);
    }
}
