package cn.tongyou.common.indicator;

import cn.tongyou.common.i18n.InvalidInput;

/**
 * How a computed indicator's value follows from its parts: numerator ÷ denominator × scale (× 100 for %, × 1000 for ‰,
 * × 100000 for rates per 10万).
 *
 * @param scale            100, 1000, 10000 or 100000
 * @param numeratorLabel   what the numerator counts (e.g. 死亡新生儿数), may be null
 * @param denominatorLabel what the denominator counts (e.g. 活产数), may be null
 */
public record Computation(int scale, String numeratorLabel, String denominatorLabel) {

    public Computation {
        if (scale != 100 && scale != 1000 && scale != 10_000 && scale != 100_000) {
            throw new InvalidInput("common.indicator.scale");
        }
    }
}
