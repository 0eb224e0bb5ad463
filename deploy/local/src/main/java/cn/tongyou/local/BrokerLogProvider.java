package cn.tongyou.local;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SLF4J provider of the Kafka broker's JVM: one line per event on standard output (which goes to the broker's
 * log file). The broker JVM gets the class path of its parent, whose SLF4J provider may log nothing there (a Quarkus
 * test class path has slf4j-jboss-logmanager, which Quarkus' initial configurator holds back), so
 * {@link KafkaBroker} selects this one with {@code -Dslf4j.provider}. It is not registered as a service: nothing else
 * picks it up. Level: {@code -Dcfc.broker.log.level} (default INFO).
 */
public final class BrokerLogProvider implements SLF4JServiceProvider {

    public static final String LEVEL_PROPERTY = "cfc.broker.log.level";

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        Level threshold;
        try {
            threshold = Level.valueOf(System.getProperty(LEVEL_PROPERTY, "INFO").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            threshold = Level.INFO;
        }
        Level level = threshold;
        ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
        loggerFactory = name -> loggers.computeIfAbsent(name, n -> new LineLogger(n, level, System.out));
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new BasicMDCAdapter();
    }

    private static final class LineLogger extends LegacyAbstractLogger {

        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

        private final transient Level threshold;
        private final transient PrintStream out;

        LineLogger(String name, Level threshold, PrintStream out) {
            this.name = name;
            this.threshold = threshold;
            this.out = out;
        }

        private boolean enabled(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] arguments, Throwable throwable) {
            StringBuilder line = new StringBuilder(160)
                    .append(LocalDateTime.now().format(TIME)).append(' ')
                    .append(String.format(Locale.ROOT, "%-5s", level)).append(" [").append(name).append("] ")
                    .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
            synchronized (out) {
                out.println(line);
                if (throwable != null) {
                    throwable.printStackTrace(out);
                }
            }
        }
    }
}
