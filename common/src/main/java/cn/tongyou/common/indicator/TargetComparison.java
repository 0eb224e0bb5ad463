package cn.tongyou.common.indicator;

/**
 * Whether a region's own target asks less than a reference target of the level above (低于上级目标): a lower floor,
 * a higher ceiling, a wider range, a smaller reduction. Targets of different forms are not compared.
 */
public final class TargetComparison {

    public enum Verdict {
        WEAKER("weaker"), SAME("same"), STRONGER("stronger"), NOT_COMPARABLE("not-comparable");

        private final String code;

        Verdict(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private TargetComparison() {
    }

    public static Verdict compare(TargetSpec local, TargetSpec reference) {
        if (local == null || reference == null || local.kind() == null || reference.kind() == null) {
            return Verdict.NOT_COMPARABLE;
        }
        TargetKind l = local.kind();
        TargetKind r = reference.kind();
        if (isFloor(l) && isFloor(r)) {
            // a higher floor is stronger; at the same value, "> x" is stronger than "≥ x"
            return bounds(local.value().compareTo(reference.value()), l.isStrict(), r.isStrict());
        }
        if (isCeiling(l) && isCeiling(r)) {
            return bounds(reference.value().compareTo(local.value()), l.isStrict(), r.isStrict());
        }
        if (l == TargetKind.RANGE && r == TargetKind.RANGE) {
            boolean inside = local.value().compareTo(reference.value()) >= 0 && local.valueMax().compareTo(reference.valueMax()) <= 0;
            boolean same = local.value().compareTo(reference.value()) == 0 && local.valueMax().compareTo(reference.valueMax()) == 0;
            return same ? Verdict.SAME : inside ? Verdict.STRONGER : Verdict.WEAKER;
        }
        if (l == TargetKind.EQUALS && r == TargetKind.EQUALS) {
            return local.value().compareTo(reference.value()) == 0 ? Verdict.SAME : Verdict.NOT_COMPARABLE;
        }
        if (l == r && (l == TargetKind.REDUCE_PCT_FROM_BASELINE || l == TargetKind.REDUCE_PP_PER_YEAR)) {
            if (!java.util.Objects.equals(local.baselineYear(), reference.baselineYear())) {
                return Verdict.NOT_COMPARABLE;
            }
            return sign(local.value().compareTo(reference.value()));
        }
        if (l == TargetKind.BOOL && r == TargetKind.BOOL) {
            return local.boolValue().equals(reference.boolValue()) ? Verdict.SAME
                    : Boolean.TRUE.equals(reference.boolValue()) ? Verdict.WEAKER : Verdict.STRONGER;
        }
        return Verdict.NOT_COMPARABLE;
    }

    private static boolean isFloor(TargetKind k) {
        return k == TargetKind.AT_LEAST || k == TargetKind.ABOVE;
    }

    private static boolean isCeiling(TargetKind k) {
        return k == TargetKind.AT_MOST || k == TargetKind.BELOW;
    }

    /** {@code cmp} &gt; 0 when the local bound is the more demanding one. */
    private static Verdict bounds(int cmp, boolean localStrict, boolean referenceStrict) {
        if (cmp != 0) {
            return sign(cmp);
        }
        if (localStrict == referenceStrict) {
            return Verdict.SAME;
        }
        return localStrict ? Verdict.STRONGER : Verdict.WEAKER;
    }

    private static Verdict sign(int cmp) {
        return cmp > 0 ? Verdict.STRONGER : cmp < 0 ? Verdict.WEAKER : Verdict.SAME;
    }
}
