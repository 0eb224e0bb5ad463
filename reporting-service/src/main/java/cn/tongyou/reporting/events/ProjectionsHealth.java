package cn.tongyou.reporting.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Lag per topic and dead-lettered events in the readiness data; always up (lag means older data, not no answer). */
@Readiness
@ApplicationScoped
public class ProjectionsHealth implements HealthCheck {

    @Inject
    ConsumerMonitor monitor;

    @Inject
    ProjectionConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("reporting-projections").up()
                .withData("deadLettered", consumer.deadLettered());
        monitor.lag().forEach((topic, l) -> b.withData("lag " + topic, l));
        return b.build();
    }
}
