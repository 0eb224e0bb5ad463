package cn.tongyou.common.config;

import cn.tongyou.common.schedule.BusinessClock;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The business clock and the plain-Java schedule rules as beans, configured from {@link ScheduleSettings}. Everything
 * that asks "what day is it" for a business rule asks this clock; {@code cfc.schedule.today} moves its date
 * ({@link BusinessClock}), and a test may replace it with a {@link Clock} bean of its own. Record timestamps use
 * {@code Instant.now()} and token checks ({@link cn.tongyou.common.security.IssuedAtCheck}) the real clock, so that
 * a moved date never forges when something happened.
 */
@ApplicationScoped
public class ScheduleBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(ScheduleSettings settings) {
        return BusinessClock.of(Clock.system(settings.zone()), settings.today().orElse(null));
    }

    @Produces
    @Singleton
    MilestoneSchedule schedule(Clock clock, ScheduleSettings settings) {
        return new MilestoneSchedule(clock, settings.dueSoonDays());
    }

    @Produces
    @Singleton
    ReportingCalendar calendar(ScheduleSettings settings) {
        return new ReportingCalendar(settings.reportGraceDays());
    }
}
