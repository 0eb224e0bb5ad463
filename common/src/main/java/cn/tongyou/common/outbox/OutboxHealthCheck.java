package cn.tongyou.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the outbox backlog and the relay's last error. It stays UP while Kafka is away: writes still succeed and
 * the events wait in the outbox, so taking the service out of rotation would only add an outage.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox").up()
                .withData("pendingEvents", relay.pendingRows());
        if (relay.lastError() != null) {
            builder.withData("lastError", relay.lastError()).withData("retryAt", relay.pausedUntil().toString());
        }
        return builder.build();
    }
}
