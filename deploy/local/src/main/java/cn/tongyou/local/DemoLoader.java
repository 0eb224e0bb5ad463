package cn.tongyou.local;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads demonstration data into the running local platform, over its HTTP API, after every service is ready.
 * {@link LocalStack} runs each loader of {@link LocalStack#DEMO_LOADERS} in order; a loader decides itself whether its
 * data is already there (the PostgreSQL data directory is kept between runs) and should be quick when it is.
 */
public interface DemoLoader {

    /** A short name for the console. */
    String name();

    /** Loads the data, or says why not; exceptions are reported and the launcher goes on. */
    void load(Context context) throws Exception;

    /**
     * What a loader gets.
     *
     * @param http      an HTTP client
     * @param baseUrls  {@code http://127.0.0.1:<port>} of every running (ready) service, by module name
     * @param sharedDir the shared data directory ({@code CFC_SHARED_DIR}, default {@code <repo>/../shared})
     * @param out       where to report
     */
    record Context(HttpClient http, Map<String, String> baseUrls, Path sharedDir, PrintStream out) {

        /** The base URL of {@code service} if it runs. */
        public Optional<String> baseUrl(String service) {
            return Optional.ofNullable(baseUrls.get(service));
        }

        /** An administrator's development token without a region claim (the whole country). */
        public String adminToken() {
            return DevTokens.mint("local-stack-demo-loader", java.util.Set.of("admin", "coordinator"), null);
        }
    }
}
