package cn.tongyou.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the outbox backlog, the parked events and the relay's last error. It stays UP while Kafka is away: writes
 * still succeed and the events wait in the outbox, so taking the service out of rotation would only add an outage.
 * It stays UP with parked events too: a parked event concerns one aggregate, every other write and event goes on,
 * and taking every replica out of rotation for it would stop the whole service; the parked count (here and in
 * {@code cfc_outbox_parked}) is what ops alert on.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox").up()
                .withData("pendingEvents", relay.pendingRows())
                .withData("parkedEvents", relay.parkedRows())
                .withData("oldestPendingAgeSeconds", (long) relay.oldestPendingAgeSeconds());
        if (relay.lastError() != null) {
            builder.withData("lastError", relay.lastError()).withData("retryAt", relay.pausedUntil().toString());
        }
        return builder.build();
    }
}
