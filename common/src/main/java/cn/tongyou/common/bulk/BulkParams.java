package cn.tongyou.common.bulk;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;

/**
 * The query parameters every bulk endpoint takes.
 *
 * @param dryRun  check and report without writing
 * @param onError what rows with errors do to the rest
 */
public record BulkParams(boolean dryRun, OnError onError) {

    /** Parses {@code dryRun} and {@code onError} as they arrive in the query string. */
    public static BulkParams parse(String dryRun, String onError) {
        return new BulkParams(dryRun(dryRun), OnError.parse(onError));
    }

    /**
     * The {@code dryRun} query parameter: {@code true} or {@code false} in any case; absent or blank means false.
     *
     * @throws ProblemException 400 naming the parameter for any other word
     */
    public static boolean dryRun(String raw) {
        return Boolean.TRUE.equals(RequestParameters.bool("dryRun", raw));
    }

    public boolean skipsErrors() {
        return onError == OnError.SKIP;
    }
}
