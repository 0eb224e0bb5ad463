package cn.tongyou.common.discipline;

import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.ReportingCalendar;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings as an operator writes them: defaults, environment variables and per-data-set keys. */
class DisciplineSettingsTest {

    private static SmallRyeConfig config(Map<String, String> properties, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withMapping(DisciplineSettings.class).withMapping(ScheduleSettings.class)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300)).build();
    }

    @Test
    void theDefaultsAreTheContractsOnes() {
        SmallRyeConfig config = config(Map.of(), Map.of());
        DisciplineSettings settings = config.getConfigMapping(DisciplineSettings.class);
        assertThat(settings.approvalLevels()).containsExactly(RegionLevel.COUNTY, RegionLevel.PREFECTURE, RegionLevel.PROVINCE);
        assertThat(settings.lockAfterDays()).isEqualTo(30);
        assertThat(settings.lockAfterDaysByDataSet()).isEmpty();
        assertThat(settings.lockWarningDays()).isEqualTo(7);
        assertThat(settings.lockExceptions().enabled()).isFalse();
        assertThat(config.getConfigMapping(ScheduleSettings.class).today()).isEmpty();
    }

    @Test
    void environmentVariablesAndDataSetKeysAreRead() {
        SmallRyeConfig config = config(Map.of(
                        "cfc.discipline.lock-after-days-by-data-set.\"儿童与健康\"", "45",
                        "cfc.discipline.lock-after-days-by-data-set.progress-reports", "60"),
                Map.of("CFC_DISCIPLINE_APPROVAL_LEVELS", "county,province", "CFC_DISCIPLINE_LOCK_AFTER_DAYS", "20",
                        "CFC_DISCIPLINE_LOCK_WARNING_DAYS", "3", "CFC_SCHEDULE_TODAY", "2027-01-20"));
        DisciplineSettings settings = config.getConfigMapping(DisciplineSettings.class);
        assertThat(settings.approvalLevels()).containsExactly(RegionLevel.COUNTY, RegionLevel.PROVINCE);
        assertThat(settings.lockAfterDaysByDataSet()).containsOnly(Map.entry("儿童与健康", 45),
                Map.entry(PeriodLocks.PROGRESS_REPORTS, 60));
        assertThat(config.getConfigMapping(ScheduleSettings.class).today()).contains(LocalDate.of(2027, 1, 20));

        // what the beans make of it: 2026H1's deadline 2026-07-15 + 20 + 1, + 45 + 1, + 60 + 1
        PeriodLocks locks = new PeriodLocks(new ReportingCalendar(15), settings.lockAfterDays(),
                settings.lockAfterDaysByDataSet(), settings.lockWarningDays());
        Period h1 = Period.parse("2026H1");
        assertThat(locks.closesOn(h1, null)).isEqualTo(LocalDate.of(2026, 8, 5));
        assertThat(locks.closesOn(h1, "儿童与健康")).isEqualTo(LocalDate.of(2026, 8, 30));
        assertThat(locks.closesOn(h1, PeriodLocks.PROGRESS_REPORTS)).isEqualTo(LocalDate.of(2026, 9, 14));
        assertThat(new ApprovalLevels(settings.approvalLevels()).unit(RegionCode.parse("4101")))
                .isEqualTo(RegionCode.parse("41"));
    }

    @Test
    void aMalformedDayOrLevelIsRefusedWithItsName() {
        assertThatThrownBy(() -> config(Map.of(), Map.of("CFC_SCHEDULE_TODAY", "2027-13-01")))
                .hasMessageContaining("cfc.schedule.today");
        assertThatThrownBy(() -> config(Map.of(), Map.of("CFC_DISCIPLINE_APPROVAL_LEVELS", "county,city")))
                .hasMessageContaining("cfc.discipline.approval-levels");
    }
}
