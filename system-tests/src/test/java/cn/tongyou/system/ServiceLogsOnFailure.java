package cn.tongyou.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test or its set-up fails, the console gets the tail of every service's log and the broker's. */
final class ServiceLogsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        print(context, cause);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        print(context, cause);
        throw cause;
    }

    private static void print(ExtensionContext context, Throwable cause) {
        Platform.ifStarted().ifPresent(p -> System.out.println("════ " + context.getDisplayName() + " failed: "
                + cause + System.lineSeparator() + p.logTails(40)));
    }
}
