package cn.tongyou.reporting.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Lag per topic ("absent" for a topic not created yet, -1 when unknown) and dead-lettered events in the readiness
 * data; always up (lag means older data, not no answer). A channel that stopped on a database failure shows in the
 * messaging health checks, not here.
 */
@Readiness
@ApplicationScoped
public class ProjectionsHealth implements HealthCheck {

    @Inject
    ConsumerMonitor monitor;

    @Inject
    DeadLetterPublisher deadLetters;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("reporting-projections").up()
                .withData("deadLettered", deadLetters.published());
        ConsumerMonitor.Lag lag = monitor.lag();
        lag.perTopic().forEach((topic, l) -> {
            if (lag.absent().contains(topic)) {
                b.withData("lag " + topic, "absent");
            } else {
                b.withData("lag " + topic, l);
            }
        });
        return b.build();
    }
}
