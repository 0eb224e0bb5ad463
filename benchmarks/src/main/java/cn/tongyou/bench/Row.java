package cn.tongyou.bench;

/**
 * One line of the benchmark table: a path of the product beside its floor, measured in the same run.
 *
 * @param path     what was measured, e.g. {@code GET /api/v1/facilities/{id}, 32 conn}
 * @param unit     the unit of {@code product} and {@code anchor} ({@code req/s}, {@code rows/s}, {@code s}, {@code KB})
 * @param product  the product's figure (median of the measured rounds)
 * @param anchor   the floor's figure in the same unit, NaN when the path has none (then {@code anchorName} says why)
 * @param anchorName what the anchor is: {@code pgbench, same 2 statements, 32 clients}
 * @param higherIsBetter true for throughputs (ratio = product / anchor), false for times and sizes (ratio = anchor / product)
 * @param goal     the goal for this line as text, e.g. {@code ≥ 0.5}, {@code < 300 ms}
 * @param met      whether the goal is met
 * @param p50Ms    median latency in ms, NaN when not a latency path
 * @param p99Ms    99th percentile latency in ms, NaN when not a latency path
 * @param rssMb    resident memory of the service measured, after the path, NaN when not measured
 * @param note     anything a reader needs to trust the figure (rounds, spread)
 */
public record Row(String path, String unit, double product, double anchor, String anchorName, boolean higherIsBetter,
                  String goal, boolean met, double p50Ms, double p99Ms, double rssMb, String note) {

    /** The product as a fraction of its floor (1.0 = as fast as the floor), NaN without an anchor. */
    public double ratio() {
        if (Double.isNaN(anchor) || anchor == 0 || product == 0) {
            return Double.NaN;
        }
        return higherIsBetter ? product / anchor : anchor / product;
    }
}
