package cn.tongyou.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * Main class of the broker's child JVM: {@code kafka.Kafka}, plus a watchdog that shuts the broker down when the
 * parent JVM is gone. The parent holds the write end of this process's standard input; when it dies, even by
 * {@code kill -9}, the pipe closes and the watchdog exits, which runs Kafka's own shutdown hook (a clean shutdown).
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // the parent never writes; wait for end of file
                }
            } catch (IOException e) {
                // closed as well
            }
            System.err.println("[local-stack] parent process gone (standard input closed): stopping the broker");
            System.exit(0);
        }, "local-stack-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
