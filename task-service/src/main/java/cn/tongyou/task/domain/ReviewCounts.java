package cn.tongyou.task.domain;

/**
 * Progress reports of one region (or a sum of regions) for one period, as counts: expected (lead units of tasks of
 * plans in force), waiting for review (submitted), accepted, returned, missing (expected and nothing filed that was not
 * returned) and late (received and first filed after the deadline). Regions are summed, never averaged: a rate is
 * computed from summed counts by whoever shows one.
 */
public record ReviewCounts(int expected, int submitted, int accepted, int returned, int missing, int late) {

    public static final ReviewCounts NONE = new ReviewCounts(0, 0, 0, 0, 0, 0);

    public ReviewCounts plus(ReviewCounts o) {
        return new ReviewCounts(expected + o.expected, submitted + o.submitted, accepted + o.accepted,
                returned + o.returned, missing + o.missing, late + o.late);
    }
}
