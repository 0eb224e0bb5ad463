package cn.tongyou.common.bulk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.TransactionRunnerOptions;

import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Runs work in a transaction of its own and returns what it reports even when the transaction must not commit: a
 * dry run, or an all-or-nothing import with errors, does all the work (lookups, checks, writes) and then rolls back.
 */
public final class ReportingTransaction {

    private ReportingTransaction() {
    }

    /**
     * @param commits whether the result may be committed; when not, the transaction is rolled back and the result
     *                returned all the same
     */
    public static <T> T call(int timeoutSeconds, Callable<T> work, Predicate<T> commits) {
        return call(QuarkusTransaction.requiringNew().timeout(timeoutSeconds), work, commits);
    }

    /** {@link #call(int, Callable, Predicate)} with the default transaction timeout. */
    public static <T> T call(Callable<T> work, Predicate<T> commits) {
        return call(QuarkusTransaction.requiringNew(), work, commits);
    }

    private static <T> T call(TransactionRunnerOptions transaction, Callable<T> work, Predicate<T> commits) {
        try {
            return transaction.call(() -> {
                T result = work.call();
                if (!commits.test(result)) {
                    throw new RolledBack(result);
                }
                return result;
            });
        } catch (RolledBack rolledBack) {
            @SuppressWarnings("unchecked")
            T result = (T) rolledBack.result;
            return result;
        }
    }

    /** Leaves the transaction so that it rolls back; carries the result out. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
