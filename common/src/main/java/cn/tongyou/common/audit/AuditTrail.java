package cn.tongyou.common.audit;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import cn.tongyou.common.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Writes the audit trail (留痕, docs/design.md §9.4): one append-only {@code audit_record} row per change, in the
 * change's own transaction, so a change and its record commit or roll back together. Changes that publish an event
 * are recorded by the outbox ({@link #record}, {@link #changeOf}); the few writes without an event call {@link #recordChange}.
 * Refused requests are recorded by the problem mapping in a transaction of their own ({@link #recordRefusal}).
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    /** One row to write. */
    public record Entry(String outcome, Actor actor, String eventType, String aggregateType, String aggregateId,
                        Long aggregateVersion, String regionCode, String afterState, String detail) {
    }

    private static final ColumnBatch<Entry> COLUMNS = ColumnBatch.<Entry>builder()
            .text("outcome", Entry::outcome)
            .text("operation", e -> e.actor().operation())
            .text("event_type", Entry::eventType)
            .text("aggregate_type", Entry::aggregateType)
            .text("aggregate_id", Entry::aggregateId)
            .bigint("aggregate_version", Entry::aggregateVersion)
            .text("region_code", Entry::regionCode)
            .jsonb("after_state", Entry::afterState)
            .text("detail", Entry::detail)
            .text("actor_subject", e -> e.actor().subject())
            .text("actor_roles", e -> e.actor().roles())
            .text("actor_region", e -> e.actor().region())
            .text("actor_unit", e -> e.actor().unit())
            .text("request_id", e -> e.actor().requestId())
            .text("client_address", e -> e.actor().clientAddress())
            .build();
    private static final String INSERT = "insert into audit_record (" + COLUMNS.names() + ") select " + COLUMNS.names()
            + " from " + COLUMNS.unnest() + " with ordinality as u(" + COLUMNS.names() + ", position) order by position";
    private static final int ROWS_PER_STATEMENT = 5_000;
    private static final int MAX_DETAIL = 2_000;

    @Inject
    Jdbc jdbc;

    @Inject
    RequestActor actors;

    @Inject
    ObjectMapper mapper;

    /** The actor of the current request (or of the named job outside one). */
    public Actor actor(String job) {
        return actors.current(job);
    }

    /** The row recording the change an event publishes. */
    public static Entry changeOf(Actor actor, DomainEvent event, String payload, String regionCode) {
        return new Entry("CHANGED", actor, event.type(), event.topic(), event.aggregateId(), event.version(),
                regionCode, payload, event.tombstone() ? "deleted" : null);
    }

    /** Writes the rows in the caller's transaction, a few thousand per statement (bulk imports write many). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(List<Entry> entries) {
        for (int from = 0; from < entries.size(); from += ROWS_PER_STATEMENT) {
            jdbc.update(INSERT, COLUMNS.arrays(entries.subList(from, Math.min(entries.size(), from + ROWS_PER_STATEMENT))));
        }
    }

    /** The record's region for scoped audit queries: the top-level {@code regionCode} (or {@code region}) of the data. */
    public static String regionOf(JsonNode data) {
        if (data == null) {
            return null;
        }
        for (String field : new String[] {"regionCode", "region"}) {
            JsonNode value = data.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    /** Records a change that publishes no event (a snapshot, a rebuild), in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordChange(String aggregateType, String aggregateId, Long version, String regionCode, Object after,
            String detail) {
        jdbc.update(INSERT, COLUMNS.arrays(List.of(new Entry("CHANGED", actor("unknown"), null, aggregateType,
                aggregateId, version, regionCode, after == null ? null : json(after), limit(detail)))));
    }

    /**
     * Records a refused request (403) in a transaction of its own: the refused work itself rolled back. A failure to
     * record is logged, never turned into another error for the caller.
     */
    void onRefusal(@Observes ProblemMappers.Refused refused) {
        recordRefusal(refused.detail());
    }

    public void recordRefusal(String detail) {
        Actor actor = actor("unknown");
        try {
            QuarkusTransaction.requiringNew().run(() -> jdbc.update(INSERT, COLUMNS.arrays(List.of(new Entry(
                    "REFUSED", actor, null, null, null, null, null, null, limit(detail))))));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not record a refused request of %s (%s)", actor.subject(), actor.operation());
        }
    }

    private String json(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serialisable", e);
        }
    }

    private static String limit(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }
}
