package cn.tongyou.indicator.api;

import cn.tongyou.local.DevTokens;

import java.util.Set;

/** Bearer headers for the test callers, minted with the development key. */
public final class Tokens {

    private Tokens() {
    }

    public static String bearer(String role, String region) {
        return "Bearer " + DevTokens.mint("test-" + role, Set.of(role), region);
    }

    public static String admin() {
        return "Bearer " + DevTokens.mint("test-admin", Set.of("admin", "coordinator"), DevTokens.NATIONWIDE);
    }

    /** A second coordinator (nationwide) who approves what others entered: four eyes. */
    public static String reviewer() {
        return "Bearer " + DevTokens.mint("test-reviewer", Set.of("coordinator"), DevTokens.NATIONWIDE);
    }

    /** A nationwide viewer (region claim CN): reads scoped data (drafts, bulk logs) everywhere. */
    public static String viewer() {
        return bearer("viewer", DevTokens.NATIONWIDE);
    }

    /** A viewer without a region claim: reads public data only. */
    public static String viewerWithoutRegion() {
        return bearer("viewer", null);
    }

    public static String coordinator(String region) {
        return bearer("coordinator", region);
    }

    public static String reporter(String region) {
        return "Bearer " + DevTokens.mint("test-reporter", Set.of("reporter"), region, "区卫健局", java.time.Duration.ofHours(1));
    }

    public static String integration(String region) {
        return bearer("integration", region);
    }
}
