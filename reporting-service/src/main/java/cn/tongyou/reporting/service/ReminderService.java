package cn.tongyou.reporting.service;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.config.ScheduleSettings;
import cn.tongyou.common.discipline.PeriodLocks;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.i18n.Messages;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.reporting.domain.CompletenessRules;
import cn.tongyou.reporting.domain.DeliveryPolicy;
import cn.tongyou.reporting.domain.ReminderFacts;
import cn.tongyou.reporting.domain.ReminderIssued;
import cn.tongyou.reporting.events.ReminderEvents;
import cn.tongyou.reporting.domain.ReminderKind;
import cn.tongyou.reporting.domain.ReminderRules;
import cn.tongyou.reporting.store.ReminderStore;
import cn.tongyou.reporting.store.WebhookStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reminder scans (issue 15): daily at {@code cfc.reminders.scan-cron} (Beijing time) and on request. A scan reads the
 * projections, asks {@link ReminderRules} what is due, and issues each reminder once per kind, subject, recipient and
 * business day: the unique key in {@code reminder} decides, under an advisory lock, so neither a second scan nor a
 * second instance issues anything twice. Each new reminder publishes {@code cfc.reminder.issued.v1} through the outbox
 * (with its audit record) and queues a delivery to every matching webhook subscription, in the same transaction.
 */
@ApplicationScoped
public class ReminderService {

    private static final Logger LOG = Logger.getLogger(ReminderService.class);


    /**
     * What a scan found: {@code issued} new reminders, {@code duplicates} already issued on that business day, and the
     * webhook deliveries it {@code queued} for the new ones.
     */
    public record ReminderScan(String businessDay, int found, int issued, int duplicates, int queued) {
    }

    @Inject
    ReminderStore store;

    @Inject
    WebhookStore webhooks;

    @Inject
    OutboxWriter outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    MilestoneSchedule schedule;

    @Inject
    ScheduleSettings scheduleSettings;

    @Inject
    ReminderRules rules;

    @Inject
    DeliveryPolicy policy;

    @Inject
    RegionScope scope;

    @Inject
    CompletenessService completeness;

    @Inject
    ReportingCalendar calendar;

    @Scheduled(identity = "reminder-scan", cron = "${cfc.reminders.scan-cron:0 0 9 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        ReminderScan r = scan();
        LOG.infof("reminder scan %s: %d found, %d issued, %d duplicates, %d deliveries queued", r.businessDay(), r.found(),
                r.issued(), r.duplicates(), r.queued());
    }

    public ReminderScan scan() {
        LocalDate today = LocalDate.now(clock.withZone(scheduleSettings.zone()));
        List<ReminderFacts.Missing> missing = ReminderRules.missing(notReceived(today));
        return QuarkusTransaction.requiringNew().call(() -> {
            store.lockScan();
            Instant now = Instant.now();
            String zone = scheduleSettings.zone().getId();
            ReminderFacts facts = new ReminderFacts(store.openMilestonesDueBy(schedule.dueSoonUntil(today)),
                    store.submittedReports(zone), store.submittedApprovals(zone), missing,
                    store.openWork(PeriodLocks.PROGRESS_REPORTS));
            List<ReminderRules.Reminder> found = rules.find(facts, today);
            List<DomainEvent> events = new ArrayList<>();
            int queued = 0;
            for (ReminderRules.Reminder r : found) {
                ReminderIssued data = issued(r, today, now);
                if (store.insertIfNew(data, r.subjectType(), today, now)) {
                    events.add(ReminderEvents.issued(data));
                    queued += webhooks.queue(UUID.fromString(data.id()), data.region(), data.kind(), policy.release(now), now);
                }
            }
            outbox.appendAll(events);
            ReminderScan result = new ReminderScan(today.toString(), found.size(), events.size(), found.size() - events.size(),
                    queued);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("businessDay", result.businessDay());
            state.put("found", result.found());
            state.put("issued", result.issued());
            state.put("duplicates", result.duplicates());
            state.put("queued", result.queued());
            audit.recordChange("reminder-scan", today.toString(), null, null, state,
                    "reminder scan of " + today + ": " + result.issued() + " issued");
            return result;
        });
    }

    /**
     * What is expected but not received for the current reporting period (the latest half-year that has reached its
     * last day, so its reports are due): its progress reports (半年调度) and, after an H2, the year's values (the
     * yearly evaluation). Read by {@link CompletenessService#missing} per province that has plans or targets.
     */
    private List<CompletenessRules.ExpectedItem> notReceived(LocalDate today) {
        Period half = calendar.currentPeriod(today);
        List<CompletenessRules.ExpectedItem> items = new ArrayList<>();
        for (String province : store.provincesWithPlansOrTargets()) {
            RegionCode root = RegionCode.parse(province);
            completeness.missing(root, half).stream().filter(i -> "progress-report".equals(i.kind())).forEach(items::add);
            if (half.half() == 2) {
                completeness.missing(root, Period.year(half.year())).stream().filter(i -> "value".equals(i.kind()))
                        .forEach(items::add);
            }
        }
        return items;
    }

    /** What a reminder list is limited to: every region under a prefix, or everything (nationwide). */
    public record Listing(String subtreePattern, String kind, Instant since) {
    }

    /**
     * The reminders of {@code region}'s subtree (default the token's; 403 outside it), of one kind, issued since a
     * day (Beijing time) or an instant.
     */
    public Listing listing(String region, String kind, String since) {
        RegionCode requested = region == null || region.isBlank() ? null : ComplianceService.region(region);
        Optional<RegionCode> limit = scope.listRegion(requested);
        String k = kind == null || kind.isBlank() ? null : kindOf(kind);
        return new Listing(limit.map(RegionCode::subtreePattern).orElse(null), k, since(since));
    }

    public List<ReminderIssued> list(Listing l, long offset, int limit) {
        return store.list(l.subtreePattern(), l.kind(), l.since(), offset, limit);
    }

    public long count(Listing l) {
        return store.count(l.subtreePattern(), l.kind(), l.since());
    }

    private static String kindOf(String raw) {
        try {
            return ReminderKind.ofCode(raw).code();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("kind", Message.of(e));
        }
    }

    private Instant since(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return raw.strip().length() == 10 ? LocalDate.parse(raw.strip()).atStartOfDay(scheduleSettings.zone()).toInstant()
                    : OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("since", "reporting.reminder.since-invalid", raw);
        }
    }

    private static ReminderIssued issued(ReminderRules.Reminder r, LocalDate today, Instant now) {
        return new ReminderIssued(UUID.randomUUID().toString(), r.kind().code(), r.subjectType(), r.subjectId(), r.region(),
                r.recipient(), r.recipientRegion(), r.unit() == null ? null : r.unit().id(),
                r.unit() == null ? null : r.unit().name(), r.period(), r.dueDate() == null ? null : r.dueDate().toString(),
                r.count(), today.toString(), r.message().english(), r.message().in(Messages.CHINESE), now.toString());
    }
}
