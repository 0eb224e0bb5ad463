package cn.tongyou.reporting.store;

import cn.tongyou.common.store.Jdbc;
import cn.tongyou.reporting.domain.ReminderFacts;
import cn.tongyou.reporting.domain.ReminderIssued;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reminders and the projections a scan reads. */
@ApplicationScoped
public class ReminderStore {

    /** Taken for the scan's transaction: a second instance's scan waits, then finds only duplicates. */
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext(current_schema() || '.reminder-scan'))";
    private static final String MILESTONES = "select m.id, m.region_code, m.data->>'taskId' as task_id,"
            + " (m.data->>'dueDate')::date as due_date, m.data->>'statement' as statement, t.data->>'title' as title,"
            + " t.data->'leadUnits' as lead_units from milestone_projection m"
            + " join task_projection t on t.id = m.data->>'taskId' and not t.deleted"
            + " join plan_projection p on p.id = m.data->>'planId' and not p.deleted and p.data->>'status' = 'in-force'"
            + " where not m.deleted and m.data->>'status' = 'open' and m.data->>'dueDate' is not null"
            + " and (m.data->>'dueDate')::date <= ? order by m.id";
    private static final String SUBMITTED_REPORTS = "select id, region_code, data->>'taskId' as task_id, data->>'period' as period,"
            + " data->>'unitId' as unit_id, data->>'unitName' as unit_name,"
            + " ((data->>'submittedAt')::timestamptz at time zone ?)::date as submitted_on"
            + " from progress_report_projection where not deleted and data->>'status' = 'submitted' order by id";
    /** Values not approved yet per region, period and data set (the indicator's domain), and reports sent back. */
    private static final String OPEN_WORK = "select o.region_code, o.data->>'period' as period, i.data->>'domain' as data_set,"
            + " count(*)::int as n from observation_projection o join indicator_projection i on i.id = o.indicator_code"
            + " where not o.deleted and o.data->>'status' <> 'approved' and i.data->>'domain' is not null"
            + " group by 1, 2, 3"
            + " union all select region_code, data->>'period', ?, count(*)::int from progress_report_projection"
            + " where not deleted and data->>'status' = 'returned' group by 1, 2 order by 1, 2, 3";
    private static final String INSERT = "insert into reminder (id, kind, subject_type, subject_id, recipient, business_day,"
            + " region_code, unit_id, period, due_date, issued_at, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
            + " on conflict on constraint reminder_once_a_day do nothing";
    private static final String FILTER = " where (?::text is null or region_code like ?) and (?::text is null or kind = ?)"
            + " and (?::timestamptz is null or issued_at >= ?)";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    /** Holds the scan lock until the caller's transaction ends. */
    public void lockScan() {
        jdbc.list(LOCK, List.of(), row -> 1);
    }

    public List<ReminderFacts.Milestone> openMilestonesDueBy(LocalDate until) {
        return jdbc.list(MILESTONES, List.of(until), row -> new ReminderFacts.Milestone(row.string("id"),
                row.string("task_id"), row.string("title"), row.string("region_code"), row.date("due_date"),
                row.string("statement"), units(row.json("lead_units"))));
    }

    public List<ReminderFacts.Report> submittedReports(String zone) {
        return jdbc.list(SUBMITTED_REPORTS, List.of(zone), row -> new ReminderFacts.Report(row.string("id"),
                row.string("task_id"), row.string("region_code"), row.string("period"),
                row.string("unit_id") == null ? null : new ReminderFacts.Unit(row.string("unit_id"), row.string("unit_name")),
                row.date("submitted_on")));
    }

    /** Approvals in status submitted, waiting for the level above. */
    public List<ReminderFacts.Approval> submittedApprovals(String zone) {
        return jdbc.list("select region_code, period, data->>'regionLevel' as region_level, data->>'acceptorLevel' as acceptor_level,"
                        + " ((data->>'updatedAt')::timestamptz at time zone ?)::date as submitted_on from approval_projection"
                        + " where not deleted and data->>'status' = 'submitted' order by region_code, period", List.of(zone),
                row -> new ReminderFacts.Approval(row.string("region_code"), row.string("period"), row.string("region_level"),
                        row.string("acceptor_level"), row.date("submitted_on")));
    }

    /** The provinces (12-digit codes) that have plans or targets: the roots of the missing-items search. */
    public List<String> provincesWithPlansOrTargets() {
        return jdbc.list("select distinct rpad(substr(region_code, 1, 2), 12, '0') as province from ("
                + "select region_code from plan_projection where not deleted union all"
                + " select region_code from target_projection where not deleted) r where region_code is not null order by 1",
                List.of(), row -> row.string("province"));
    }

    public List<ReminderFacts.OpenWork> openWork(String reportsDataSet) {
        return jdbc.list(OPEN_WORK, List.of(reportsDataSet), row -> new ReminderFacts.OpenWork(row.string("region_code"),
                row.string("period"), row.string("data_set"), row.intValue("n")));
    }

    /** Inserts the reminder unless one with its key exists; true when it is new. */
    public boolean insertIfNew(ReminderIssued r, String subjectType, LocalDate businessDay, Instant issuedAt) {
        return jdbc.update(INSERT, Arrays.asList(UUID.fromString(r.id()), r.kind(), subjectType, r.subjectId(), r.recipient(),
                businessDay, r.region(), r.unitId(), r.period(), r.dueDate() == null ? null : LocalDate.parse(r.dueDate()),
                Timestamp.from(issuedAt), json(r))) == 1;
    }

    /** Each filter may be null: {@code subtree} a LIKE pattern of region codes. Newest first. */
    public List<ReminderIssued> list(String subtree, String kind, Instant since, long offset, int limit) {
        List<Object> params = new ArrayList<>(filter(subtree, kind, since));
        params.add(offset);
        params.add(limit);
        return jdbc.list("select data from reminder" + FILTER + " order by issued_at desc, id offset ? limit ?", params,
                row -> read(row.json("data"), ReminderIssued.class));
    }

    public long count(String subtree, String kind, Instant since) {
        return jdbc.count("select count(*) from reminder" + FILTER, filter(subtree, kind, since));
    }

    private static List<Object> filter(String subtree, String kind, Instant since) {
        Timestamp from = since == null ? null : Timestamp.from(since);
        return Arrays.asList(subtree, subtree, kind, kind, from, from);
    }

    private List<ReminderFacts.Unit> units(String json) {
        if (json == null) {
            return List.of();
        }
        List<ReminderFacts.Unit> units = new ArrayList<>();
        for (JsonNode node : read(json, JsonNode.class)) {
            if (node.hasNonNull("id")) {
                units.add(new ReminderFacts.Unit(node.get("id").asText(), node.path("name").asText(null)));
            }
        }
        return units;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
