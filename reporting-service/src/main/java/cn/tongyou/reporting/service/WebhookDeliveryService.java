package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.outbox.OutboxConfig;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.DeliveryPolicy;
import cn.tongyou.reporting.domain.ReminderIssued;
import cn.tongyou.reporting.domain.WebhookFormat;
import cn.tongyou.reporting.events.WebhookMessage;
import cn.tongyou.reporting.events.WebhookSender;
import cn.tongyou.reporting.events.WebhookSettings;
import cn.tongyou.reporting.store.WebhookStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers queued reminders to the webhook subscriptions, on a scheduler ({@code cfc.webhooks.poll-interval}): claims
 * the due deliveries, sends each outside any transaction, then records the outcome: delivered, pending again after the
 * backoff (and past the quiet hours), or dead after {@code cfc.webhooks.max-attempts}. Dead deliveries are listed and
 * re-driven by a coordinator of the subscription's region. Counter {@code cfc_webhook_deliveries_total{outcome}}.
 */
@ApplicationScoped
public class WebhookDeliveryService {

    public static final String AGGREGATE = "webhook-delivery";
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    /** A delivery as listed: where it goes, what it carries, how its attempts went. */
    public record WebhookDelivery(String id, String subscriptionId, String reminderId, String region, String format,
                               String status, int attempts, Instant nextAttemptAt, Instant createdAt,
                               Instant lastAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt,
                               Instant deadAt) {
    }

    @Inject
    WebhookStore store;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookSettings settings;

    @Inject
    DeliveryPolicy policy;

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxConfig outbox;

    @Inject
    MeterRegistry meters;

    @Inject
    RegionScope scope;

    @Inject
    AuditTrail audit;

    @Scheduled(identity = "webhook-deliveries", every = "${cfc.webhooks.poll-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        deliverDue();
    }

    /** Sends what is due now (nothing in the quiet hours); the number of deliveries attempted. */
    public int deliverDue() {
        Instant now = Instant.now();
        if (policy.quiet(now)) {
            return 0;
        }
        Instant lease = now.plus(settings.connectTimeout()).plus(settings.requestTimeout()).plus(LEASE_MARGIN);
        List<WebhookStore.Delivery> due = QuarkusTransaction.requiringNew().call(() -> store.claim(now, lease, settings.batchSize()));
        due.forEach(this::attempt);
        return due.size();
    }

    private void attempt(WebhookStore.Delivery d) {
        WebhookFormat format = WebhookFormat.ofCode(d.format());
        Instant at = Instant.now();
        WebhookMessage.Request request = WebhookMessage.render(mapper, format, d.url(), d.secret(), d.id().toString(),
                outbox.source(), read(d.reminder()), at);
        WebhookSender.Answer answer = sender.send(request);
        int attempts = d.attempts() + 1;
        String outcome;
        if (answer.status() != null && WebhookMessage.accepted(mapper, format, answer.status(), answer.body())) {
            outcome = "delivered";
            QuarkusTransaction.requiringNew().run(() -> store.delivered(d.id(), attempts, at, answer.status()));
        } else {
            String error = answer.error() != null ? answer.error() : "HTTP " + answer.status() + ": " + answer.body();
            Instant next = policy.exhausted(attempts) ? null : policy.release(Instant.now().plus(policy.backoff(attempts)));
            outcome = next == null ? "dead" : "failed";
            QuarkusTransaction.requiringNew().run(() -> store.failed(d.id(), attempts, at, answer.status(), error, next));
        }
        meters.counter("cfc.webhook.deliveries", "outcome", outcome, "format", format.code()).increment();
    }

    /** Deliveries of subscriptions in the token's subtree, by status (null: all), newest first. */
    public List<WebhookDelivery> list(String status, long offset, int limit) {
        return store.deliveries(status, subtree(), offset, limit).stream().map(this::view).toList();
    }

    public long count(String status) {
        return store.countDeliveries(status, subtree());
    }

    /**
     * A dead delivery back to pending with fresh attempts (its cause fixed); audited. 404 outside the caller's subtree,
     * 409 when it is not dead.
     */
    public WebhookDelivery redrive(UUID id, String by) {
        WebhookStore.Delivery d = store.findDelivery(id).filter(x -> scope.visible(x.region()))
                .orElseThrow(() -> ProblemException.notFound("reporting.webhook-delivery.not-found", id.toString()));
        scope.requireWrite(RegionCode.parse(d.region()));
        Instant now = Instant.now();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!store.redrive(id, policy.release(now), now, by)) {
                throw ProblemException.conflict("reporting.webhook-delivery.not-dead", id.toString(), d.status());
            }
            WebhookDelivery after = view(store.findDelivery(id).orElseThrow());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("id", after.id());
            state.put("subscriptionId", after.subscriptionId());
            state.put("reminderId", after.reminderId());
            state.put("status", after.status());
            state.put("redrivenBy", by);
            audit.recordChange(AGGREGATE, id.toString(), null, d.region(), state, "re-driven");
            return after;
        });
    }

    private String subtree() {
        Optional<RegionCode> root = scope.listRegion(null);
        return root.map(RegionCode::subtreePattern).orElse(null);
    }

    private WebhookDelivery view(WebhookStore.Delivery d) {
        return new WebhookDelivery(d.id().toString(), d.subscriptionId().toString(), d.reminderId().toString(), d.region(),
                d.format(), d.status(), d.attempts(), "pending".equals(d.status()) ? d.nextAttemptAt() : null, d.createdAt(),
                d.lastAttemptAt(), d.lastStatus(), d.lastError(), d.deliveredAt(), d.deadAt());
    }

    private ReminderIssued read(String json) {
        try {
            return mapper.readValue(json, ReminderIssued.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored reminder no longer reads", e);
        }
    }
}
