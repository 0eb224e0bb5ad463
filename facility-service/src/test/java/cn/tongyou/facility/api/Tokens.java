package cn.tongyou.facility.api;

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
        return bearer("admin", DevTokens.NATIONWIDE);
    }

    public static String viewer() {
        return bearer("viewer", "410182");
    }

    public static String coordinator(String region) {
        return bearer("coordinator", region);
    }
}
