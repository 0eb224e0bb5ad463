package cn.tongyou.task.service;

import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Makes the plain-Java rules injectable, configured from {@link TaskSettings}. The clock is a bean of its own so a
 * test or a demo could replace it; everything that asks "what day is it" asks this clock.
 */
@ApplicationScoped
public class Rules {

    @Produces
    @Singleton
    Clock clock(TaskSettings settings) {
        return Clock.system(settings.zone());
    }

    @Produces
    @Singleton
    MilestoneSchedule schedule(Clock clock, TaskSettings settings) {
        return new MilestoneSchedule(clock, settings.dueSoonDays());
    }

    @Produces
    @Singleton
    ReportingCalendar calendar(TaskSettings settings) {
        return new ReportingCalendar(settings.reportGraceDays());
    }
}
