package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.ReminderKind;
import cn.tongyou.reporting.domain.WebhookFormat;
import cn.tongyou.reporting.events.WebhookSettings;
import cn.tongyou.reporting.store.WebhookStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhook subscriptions of an office (issue 15): created, changed (If-Match) and soft-deleted by a coordinator or admin
 * of the subscription's region subtree, each change audited. The secret is write-only: stored, used to sign, never
 * answered ({@code hasSecret} says whether there is one).
 */
@ApplicationScoped
public class WebhookSubscriptionService {

    public static final String AGGREGATE = "webhook-subscription";
    static final int MAX_NAME = 100;
    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 200;

    /** What a client sends; on update a null secret keeps the stored one. */
    public record WebhookSubscriptionInput(String region, String name, String url, List<String> kinds, String format, String secret) {
    }

    /** What a client reads: everything but the secret. */
    public record WebhookSubscription(String id, String region, String name, String url, List<String> kinds, String format,
                       boolean hasSecret, long version, Instant createdAt, String createdBy, Instant updatedAt,
                       String updatedBy) {
    }

    @Inject
    WebhookStore store;

    @Inject
    RegionScope scope;

    @Inject
    AuditTrail audit;

    @Inject
    WebhookSettings settings;

    public WebhookSubscription create(WebhookSubscriptionInput in, String by) {
        if (in == null) {
            throw ProblemException.badRequest("reporting.webhook.body-required");
        }
        RegionCode region = region(in.region());
        scope.requireWrite(region);
        Valid v = validate(in, null);
        Instant now = Instant.now();
        WebhookStore.Subscription s = new WebhookStore.Subscription(UUID.randomUUID(), region.value(), v.name, v.url,
                v.kinds, v.format.code(), v.secret, 1, now, by, now, by);
        QuarkusTransaction.requiringNew().run(() -> {
            store.insert(s, region.subtreePattern());
            audit.recordChange(AGGREGATE, s.id().toString(), 1L, s.region(), view(s), "created");
        });
        return view(s);
    }

    public WebhookSubscription update(UUID id, String ifMatch, WebhookSubscriptionInput in, String by) {
        if (in == null) {
            throw ProblemException.badRequest("reporting.webhook.body-required");
        }
        WebhookStore.Subscription old = find(id);
        scope.requireWrite(RegionCode.parse(old.region()));
        ETags.requireMatch(ifMatch, old.version(), "reporting.noun.the-webhook-subscription");
        if (in.region() != null && !region(in.region()).value().equals(old.region())) {
            throw ProblemException.invalidField("region", "reporting.webhook.region-fixed", old.region());
        }
        Valid v = validate(in, old.secret());
        WebhookStore.Subscription s = new WebhookStore.Subscription(id, old.region(), v.name, v.url, v.kinds,
                v.format.code(), v.secret, old.version() + 1, old.createdAt(), old.createdBy(), Instant.now(), by);
        QuarkusTransaction.requiringNew().run(() -> {
            if (!store.update(s, old.version())) {
                throw ProblemException.preconditionFailed("common.etag.changed.no-version",
                        Message.of("reporting.noun.the-webhook-subscription"), old.version());
            }
            audit.recordChange(AGGREGATE, id.toString(), s.version(), s.region(), view(s), "updated");
        });
        return view(s);
    }

    public void delete(UUID id, String ifMatch, String by) {
        WebhookStore.Subscription old = find(id);
        scope.requireWrite(RegionCode.parse(old.region()));
        ETags.requireMatch(ifMatch, old.version(), "reporting.noun.the-webhook-subscription");
        QuarkusTransaction.requiringNew().run(() -> {
            if (!store.delete(id, old.version(), Instant.now(), by)) {
                throw ProblemException.preconditionFailed("common.etag.changed.no-version",
                        Message.of("reporting.noun.the-webhook-subscription"), old.version());
            }
            audit.recordChange(AGGREGATE, id.toString(), old.version() + 1, old.region(), null, "deleted");
        });
    }

    public WebhookSubscription get(UUID id) {
        return view(find(id));
    }

    /** The token's subtree, or one region's subtree in it (403 outside). */
    public List<WebhookSubscription> list(String region, long offset, int limit) {
        return store.list(subtree(region), offset, limit).stream().map(WebhookSubscriptionService::view).toList();
    }

    public long count(String region) {
        return store.count(subtree(region));
    }

    private String subtree(String region) {
        RegionCode requested = region == null || region.isBlank() ? null : region(region);
        return scope.listRegion(requested).map(RegionCode::subtreePattern).orElse(null);
    }

    /** A live subscription the caller may see; 404 otherwise (its existence is not disclosed). */
    private WebhookStore.Subscription find(UUID id) {
        return store.find(id).filter(s -> scope.visible(s.region()))
                .orElseThrow(() -> ProblemException.notFound("reporting.webhook.not-found", id.toString()));
    }

    private record Valid(String name, String url, List<String> kinds, WebhookFormat format, String secret) {
    }

    private Valid validate(WebhookSubscriptionInput in, String storedSecret) {
        List<Issue> issues = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            issues.add(Issue.of("name", "reporting.webhook.name-length", MAX_NAME));
        }
        String url = in.url() == null ? "" : in.url().strip();
        Optional<Message> urlProblem = urlProblem(url);
        urlProblem.ifPresent(m -> issues.add(new Issue("url", m)));
        WebhookFormat format = WebhookFormat.GENERIC;
        if (in.format() != null) {
            try {
                format = WebhookFormat.ofCode(in.format());
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("format", Message.of(e)));
            }
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        List<String> given = in.kinds() == null ? List.of() : in.kinds();
        for (int i = 0; i < given.size(); i++) {
            try {
                kinds.add(ReminderKind.ofCode(given.get(i)).code());
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("kinds[" + i + "]", Message.of(e)));
            }
        }
        String secret = in.secret() == null ? storedSecret : in.secret();
        if (in.secret() != null && (in.secret().isBlank() || in.secret().length() > MAX_SECRET)) {
            issues.add(Issue.of("secret", "reporting.webhook.secret-length", MAX_SECRET));
        } else if (secret == null && format.needsSecret()) {
            issues.add(Issue.of("secret", "reporting.webhook.secret-required", format.code()));
        }
        ProblemException.throwIfAny(issues);
        return new Valid(name, url, List.copyOf(kinds), format, secret);
    }

    /**
     * Why a URL cannot receive deliveries: not absolute, too long, not https (plain http only to a loopback address,
     * and only with {@code cfc.webhooks.allow-http}), with user information (credentials belong in the secret).
     */
    private Optional<Message> urlProblem(String url) {
        if (url.isEmpty() || url.length() > MAX_URL) {
            return Optional.of(Message.of("reporting.webhook.url-length", MAX_URL));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(Message.of("reporting.webhook.url-invalid", url));
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of(Message.of("reporting.webhook.url-invalid", url));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && settings.allowHttp() && loopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(Message.of("reporting.webhook.url-https"));
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static RegionCode region(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField("region", "reporting.webhook.region-required");
        }
        return ComplianceService.region(raw);
    }

    private static WebhookSubscription view(WebhookStore.Subscription s) {
        return new WebhookSubscription(s.id().toString(), s.region(), s.name(), s.url(), s.kinds(), s.format(), s.secret() != null,
                s.version(), s.createdAt(), s.createdBy(), s.updatedAt(), s.updatedBy());
    }
}
