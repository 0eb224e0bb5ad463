package cn.tongyou.indicator.domain.quality;

import cn.tongyou.common.code.Coded;

/**
 * DHIS2's missing-value strategy, applied to the rule as a whole (both sides together): whether a rule is checked
 * when some of the values it reads have not been reported. When it is checked, a missing value counts as 0.
 */
public enum MissingValueStrategy implements Coded {
    /** The default: a rule is checked only when every value it reads is there. */
    SKIP_IF_ANY_MISSING("skip-if-any-missing"),
    /** Checked when at least one value is there (the others count as 0). */
    SKIP_IF_ALL_MISSING("skip-if-all-missing"),
    /** Always checked, missing values as 0 (a rule "X must be reported" is {@code #{x} > 0} with never-skip). */
    NEVER_SKIP("never-skip");

    private final String code;

    MissingValueStrategy(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** Whether a rule reading {@code total} values, {@code missing} of which are absent, is skipped. */
    public boolean skips(int total, int missing) {
        return switch (this) {
            case SKIP_IF_ANY_MISSING -> missing > 0;
            case SKIP_IF_ALL_MISSING -> missing == total;
            case NEVER_SKIP -> false;
        };
    }
}
