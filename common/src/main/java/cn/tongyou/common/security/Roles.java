package cn.tongyou.common.security;

/** The platform's roles (docs/design.md §9), carried in the token's {@code groups} claim. */
public final class Roles {
    /** Reads everything in scope. */
    public static final String VIEWER = "viewer";
    /** A department entering data for its own unit (填报单位). */
    public static final String REPORTER = "reporter";
    /** 妇儿工委办公室: plans, targets, approvals, registers. */
    public static final String COORDINATOR = "coordinator";
    /** Operates the platform. */
    public static final String ADMIN = "admin";
    /** A provincial system exchanging data in bulk. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
