package cn.tongyou.reporting.events;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Sends webhook requests: the JDK's HttpClient (no extra dependency), one for the service, with a connect timeout and
 * a timeout per request; redirects are not followed (a receiver that moved must be re-registered).
 */
@ApplicationScoped
public class WebhookSender {

    /** The receiver's answer, or why there was none ({@code status} null). */
    public record Answer(Integer status, String body, String error) {
    }

    private static final int MAX_BODY = 2_000;

    @Inject
    WebhookSettings settings;

    private HttpClient client;

    @PostConstruct
    void start() {
        client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Answer send(WebhookMessage.Request request) {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.uri()).timeout(settings.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(http::header);
        try {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY), null);
        } catch (IOException e) {
            return new Answer(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, null, "interrupted");
        }
    }
}
