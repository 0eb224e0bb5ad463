package cn.tongyou.common.config;

import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock and the plain-Java schedule rules as beans, configured from {@link ScheduleSettings}. Everything that asks
 * "what day is it" asks this clock; a test or a demo may replace it with a {@link Clock} bean of its own.
 */
@ApplicationScoped
public class ScheduleBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock(ScheduleSettings settings) {
        return Clock.system(settings.zone());
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
