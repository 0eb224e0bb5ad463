package cn.tongyou.common.discipline;

import cn.tongyou.common.schedule.ReportingCalendar;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain-Java discipline rules as beans, configured from {@link DisciplineSettings}; a bad setting fails the start. */
@ApplicationScoped
public class DisciplineBeans {

    @Produces
    @Singleton
    PeriodLocks periodLocks(ReportingCalendar calendar, DisciplineSettings settings) {
        return new PeriodLocks(calendar, settings.lockAfterDays(), settings.lockAfterDaysByDataSet(),
                settings.lockWarningDays());
    }

    @Produces
    @Singleton
    ApprovalLevels approvalLevels(DisciplineSettings settings) {
        return new ApprovalLevels(settings.approvalLevels());
    }

    /** Builds both at start, so that a chain out of order or a negative number of days stops the service there. */
    void checkAtStart(@Observes StartupEvent start, PeriodLocks locks, ApprovalLevels levels) {
        locks.warningDays();
        levels.levels();
    }
}
