package cn.tongyou.reporting.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Reminder scans ({@code cfc.reminders.*}). */
@ConfigMapping(prefix = "cfc.reminders")
public interface ReminderSettings {

    /** When the daily scan runs (Quartz-style cron, Beijing time); {@code off} for never (scans on request only). */
    @WithDefault("0 0 9 * * ?")
    String scanCron();

    /** {@code HH:mm-HH:mm} of Beijing time, possibly across midnight: deliveries wait until its end. Unset: none. */
    Optional<String> quietHours();
}
