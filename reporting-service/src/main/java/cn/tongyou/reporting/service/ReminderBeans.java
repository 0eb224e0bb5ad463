package cn.tongyou.reporting.service;

import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.reporting.domain.DeliveryPolicy;
import cn.tongyou.reporting.domain.ReminderRules;
import cn.tongyou.reporting.events.WebhookSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The reminder and delivery rules as beans, from their settings; a bad setting (quiet hours) fails the start. */
@ApplicationScoped
public class ReminderBeans {

    @Produces
    @Singleton
    ReminderRules rules(MilestoneSchedule schedule, ReportingCalendar calendar,
                        @ConfigProperty(name = "cfc.discipline.lock-after-days", defaultValue = "30") int lockAfterDays,
                        @ConfigProperty(name = "cfc.discipline.lock-warning-days", defaultValue = "7") int warningDays) {
        return new ReminderRules(schedule, (period, dataSet) -> calendar.deadline(period).plusDays(lockAfterDays + 1L),
                warningDays);
    }

    @Produces
    @Singleton
    DeliveryPolicy policy(WebhookSettings webhooks, ReminderSettings reminders, ScheduleSettings schedule) {
        return new DeliveryPolicy(webhooks.initialBackoff(), webhooks.maxBackoff(), webhooks.maxAttempts(),
                DeliveryPolicy.QuietHours.parse(reminders.quietHours().orElse(null)), schedule.zone());
    }

    void checkAtStart(@Observes StartupEvent start, DeliveryPolicy policy) {
        policy.maxAttempts();
    }
}
