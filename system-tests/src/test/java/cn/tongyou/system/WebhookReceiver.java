package cn.tongyou.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An office's end of a webhook, as an office would run it: a plain HTTP server (JDK {@code com.sun.net.httpserver}) on a
 * free port of 127.0.0.1 that keeps every request it receives. It answers each with 200 and 钉钉's / 企业微信's success
 * body ({@code {"errcode":0,"errmsg":"ok"}}), which a generic receiver's sender ignores.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: path, decoded query parameters, headers (lower-case names), raw body. */
    record Delivery(String path, Map<String, String> query, Map<String, String> headers, byte[] body, Instant receivedAt) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final byte[] OK = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the webhook receiver", e);
        }
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    /** The URL an office registers for the path (e.g. {@code /hooks/generic}). */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What arrived at the path so far, in arrival order. */
    List<Delivery> at(String path) {
        return received.stream().filter(d -> d.path().equals(path)).toList();
    }

    /** Waits until the path's deliveries satisfy {@code done}; returns them. */
    List<Delivery> awaitAt(String path, Predicate<List<Delivery>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> now = at(path);
            if (done.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + timeout.toSeconds() + " s no " + what + " at " + path + "; received "
                        + now.size() + ": " + now.stream().map(d -> d.text().length() > 200 ? d.text().substring(0, 200)
                        : d.text()).toList());
            }
            Platform.sleep(200);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            received.add(new Delivery(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()),
                    headers, body, Instant.now()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, OK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(OK);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            query.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
