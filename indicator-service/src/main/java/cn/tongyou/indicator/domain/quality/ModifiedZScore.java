package cn.tongyou.indicator.domain.quality;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The outlier score of Iglewicz &amp; Hoaglin (1993): M = 0.6745·(x − median)/MAD over a region's own earlier values
 * of the same indicator and period type, with MAD the median of the absolute deviations from the median. |M| &gt; 3.5
 * flags an outlier (their recommended cut-off). Median and MAD resist the very outliers being looked for, which a
 * mean and standard deviation over five or ten values do not.
 * <p>
 * At least {@link #MIN_HISTORY} earlier values are needed: with fewer, the median of the deviations says little. When
 * MAD is 0 (more than half of the history is the same value) the score uses the mean absolute deviation instead,
 * M = (x − median)/(1.253314·MeanAD), the usual fallback (1.253314 = √(π/2) makes MeanAD consistent with σ, as
 * 1/0.6745 does for MAD). A history that never varied (MeanAD 0 too) gives no scale at all: no score, no flag — a count
 * of 5 for five years that becomes 6 is news, not an error.
 */
public final class ModifiedZScore {

    public static final double THRESHOLD = 3.5;
    public static final int MIN_HISTORY = 5;
    /** At most this many earlier periods of the same type are looked at: the recent past, not a decade ago. */
    public static final int MAX_HISTORY = 10;
    static final double MAD_FACTOR = 0.6745;
    static final double MEAN_AD_FACTOR = 1.253314;

    /** The score and what it rests on; {@code method} is {@code mad} or {@code mean-ad}. */
    public record Score(double median, double deviation, double m, String method, int history) {
        public boolean outlier() {
            return Math.abs(m) > THRESHOLD;
        }
    }

    private ModifiedZScore() {
    }

    /** The score of {@code x} against {@code history}; empty when the history is too short or never varied. */
    public static Optional<Score> score(List<BigDecimal> history, BigDecimal x) {
        if (history.size() < MIN_HISTORY || x == null) {
            return Optional.empty();
        }
        double[] h = history.stream().mapToDouble(BigDecimal::doubleValue).sorted().toArray();
        double median = median(h);
        double[] dev = new double[h.length];
        double sum = 0;
        for (int k = 0; k < h.length; k++) {
            dev[k] = Math.abs(h[k] - median);
            sum += dev[k];
        }
        java.util.Arrays.sort(dev);
        double mad = median(dev);
        double value = x.doubleValue();
        if (mad > 0) {
            return Optional.of(new Score(median, mad, MAD_FACTOR * (value - median) / mad, "mad", h.length));
        }
        double meanAd = sum / h.length;
        if (meanAd > 0) {
            return Optional.of(new Score(median, meanAd, (value - median) / (MEAN_AD_FACTOR * meanAd), "mean-ad", h.length));
        }
        return Optional.empty();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
