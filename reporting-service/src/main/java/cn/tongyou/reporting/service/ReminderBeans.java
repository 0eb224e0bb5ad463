package cn.tongyou.reporting.service;

import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.reporting.domain.DeliveryPolicy;
import cn.tongyou.reporting.domain.ReminderRules;
import cn.tongyou.reporting.events.WebhookSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The reminder and delivery rules as beans, from their settings; a bad setting (quiet hours) fails the start. */
@ApplicationScoped
public class ReminderBeans {

    @Produces
    @Singleton
    ReminderRules rules(MilestoneSchedule schedule, PeriodLocks locks) {
        return new ReminderRules(schedule, locks);
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
