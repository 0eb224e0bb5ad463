package cn.tongyou.common.outbox;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.ResultRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;

/**
 * The parked outbox events of this service and their re-drive: the row goes back into {@code outbox_event} under its
 * own {@code seq}, so the relay sends it before the later events of its aggregate it held back, and publishes it once
 * (a re-driven entry cannot be re-driven again; if the broker still refuses it, it is parked anew under a new id).
 */
@ApplicationScoped
public class OutboxParking {

    /** Which entries a list shows. */
    public enum State { PARKED, REDRIVEN, ALL }

    private static final String COLUMNS = "id, seq, event_id, topic, event_type, aggregate_id, aggregate_version, "
            + "tombstone, octet_length(payload::text) as payload_bytes, occurred_at, actor, reason_class, reason, "
            + "attempts, first_failure_at, last_failure_at, parked_at, redriven_at, redriven_by";
    private static final String REDRIVE = "insert into outbox_event (seq, event_id, topic, event_type, aggregate_id, "
            + "aggregate_version, payload, tombstone, occurred_at, actor) select seq, event_id, topic, event_type, "
            + "aggregate_id, aggregate_version, payload, tombstone, occurred_at, actor from outbox_parked where id = ?";

    @Inject
    Jdbc jdbc;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRelay relay;

    public Page<ParkedEvent> list(State state, PageParams page) {
        String where = switch (state) {
            case PARKED -> " where redriven_at is null";
            case REDRIVEN -> " where redriven_at is not null";
            case ALL -> "";
        };
        long total = jdbc.count("select count(*) from outbox_parked" + where, List.of());
        List<ParkedEvent> items = jdbc.list("select " + COLUMNS + " from outbox_parked" + where
                + " order by id desc limit ? offset ?", List.of(page.size, page.offset()), OutboxParking::view);
        return Page.of(items, page, total);
    }

    /** Moves the entry back to the outbox; 404 for an unknown id, 409 if it was re-driven already. */
    @Transactional
    public ParkedEvent redrive(long id, String subject) {
        List<ParkedEvent> found = jdbc.list("select " + COLUMNS + " from outbox_parked where id = ? for update",
                List.of(id), OutboxParking::view);
        if (found.isEmpty()) {
            throw ProblemException.notFound("common.outbox.parked.not-found", id);
        }
        ParkedEvent parked = found.get(0);
        if (parked.redrivenAt() != null) {
            throw ProblemException.conflict("common.outbox.parked.redriven", id, parked.redrivenAt().toString(),
                    parked.redrivenBy());
        }
        jdbc.update(REDRIVE, List.of(id));
        relay.wakeAfterCommit();
        jdbc.update("update outbox_parked set redriven_at = now(), redriven_by = ? where id = ?", List.of(subject, id));
        ParkedEvent redriven = jdbc.list("select " + COLUMNS + " from outbox_parked where id = ?", List.of(id),
                OutboxParking::view).get(0);
        audit.recordChange("outbox-parked", Long.toString(id), null, region(id), redriven,
                "re-drove parked event " + parked.eventId() + " (" + parked.topic() + " " + parked.aggregateId()
                        + " version " + parked.aggregateVersion() + ", parked for " + parked.reasonClass() + ")");
        return redriven;
    }

    /** The region of the parked event's data, so that the audit record is scoped like the change it carries. */
    private String region(long id) {
        List<String> payload = jdbc.list("select payload::text as payload from outbox_parked where id = ?", List.of(id),
                row -> row.string("payload"));
        try {
            JsonNode data = mapper.readTree(payload.get(0));
            return AuditTrail.regionOf(data);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static ParkedEvent view(ResultRow row) throws SQLException {
        return new ParkedEvent(row.longValue("id"), row.longValue("seq"), row.uuid("event_id"), row.string("topic"),
                row.string("event_type"), row.string("aggregate_id"), row.longValue("aggregate_version"),
                row.bool("tombstone"), row.longValue("payload_bytes"), row.instant("occurred_at"), row.string("actor"),
                row.string("reason_class"), row.string("reason"), row.intValue("attempts"),
                row.instant("first_failure_at"), row.instant("last_failure_at"), row.instant("parked_at"),
                row.instant("redriven_at"), row.string("redriven_by"));
    }
}
