package cn.tongyou.common.outbox;

import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.common.audit.Actor;
import cn.tongyou.common.audit.AuditTrail;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction, so an event exists exactly when its change was
 * committed. Callers must already be in a transaction; the relay publishes the rows afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private record Row(DomainEvent event, String payload, String actor) {
    }

    private static final ColumnBatch<Row> COLUMNS = ColumnBatch.<Row>builder()
            .uuid("event_id", row -> UUID.randomUUID())
            .text("topic", row -> row.event().topic())
            .text("event_type", row -> row.event().type())
            .text("aggregate_id", row -> row.event().aggregateId())
            .bigint("aggregate_version", row -> row.event().version())
            .jsonb("payload", Row::payload)
            .bool("tombstone", row -> row.event().tombstone())
            .text("actor", Row::actor)
            .build();
    /** The relay publishes in {@code seq} order, so the rows take their sequence numbers in the order given. */
    private static final String INSERT = "insert into outbox_event (" + COLUMNS.names() + ") select " + COLUMNS.names()
            + " from " + COLUMNS.unnest() + " with ordinality as u(" + COLUMNS.names() + ", position) order by position";
    private static final int ROWS_PER_STATEMENT = 5_000;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    @Inject
    AuditTrail audit;

    @Inject
    OutboxConfig config;

    @Inject
    OutboxRelay relay;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(DomainEvent event) {
        appendAll(List.of(event));
    }

    /**
     * Appends many events, one statement per few thousand (bulk imports write hundreds of thousands), and the audit
     * record of each change: who caused it travels with the event (CloudEvents extension {@code actor}) and stays in
     * the audit trail after the outbox row is purged.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(Collection<DomainEvent> events) {
        Actor actor = audit.actor("outbox");
        int batch = Math.min(events.size(), ROWS_PER_STATEMENT);
        List<Row> rows = new ArrayList<>(batch);
        List<AuditTrail.Entry> entries = new ArrayList<>(batch);
        for (DomainEvent event : events) {
            JsonNode data = mapper.valueToTree(event.data());
            String payload = data.toString();
            requireSendable(event, data, payload, actor.subject());
            rows.add(new Row(event, payload, actor.subject()));
            entries.add(AuditTrail.changeOf(actor, event, payload, AuditTrail.regionOf(data)));
            if (rows.size() == ROWS_PER_STATEMENT) {
                write(rows, entries);
            }
        }
        if (!rows.isEmpty()) {
            write(rows, entries);
        }
    }

    /**
     * The smallest {@code cfc.outbox.max-event-bytes} under which an event whose compact JSON payload has at most
     * {@code payloadChars} characters may be refused; above it {@link #requireSendable(DomainEvent)} has nothing to check.
     * For writers that build the outbox rows in SQL and check only the events that could be too large.
     */
    public static long mayRefuseBelow(long payloadChars) {
        return payloadChars * 6 + 8_192;
    }

    /** Refuses (422) an event too large to send, as {@link #appendAll} does, for writers that build the rows in SQL. */
    public void requireSendable(DomainEvent event) {
        JsonNode data = mapper.valueToTree(event.data());
        requireSendable(event, data, data.toString(), audit.actor("outbox").subject());
    }

    /**
     * Refuses (422) an event larger than {@code cfc.outbox.max-event-bytes} as the relay will send it: the broker
     * would refuse it, and refusing it now keeps it out of the stream and rolls the whole change back.
     */
    private void requireSendable(DomainEvent event, JsonNode data, String payload, String actor) {
        // Most events are far below the limit even at 3 bytes per character, doubled for jsonb's spaces, plus headers.
        if (mayRefuseBelow(payload.length()) <= config.maxEventBytes()) {
            return;
        }
        long bytes = sentBytes(data, payload) + KafkaEventPublisher.keyAndHeaderBytes(new OutboxRow(0, UUID.randomUUID(),
                event.topic(), event.type(), event.aggregateId(), event.version(), payload, false, Instant.now(), actor),
                config.source());
        if (bytes > config.maxEventBytes()) {
            throw ProblemException.unprocessable("event-too-large", Message.of("common.outbox.title.event-too-large"),
                    Message.of("common.outbox.event-too-large", event.topic(), event.aggregateId().toString(), bytes,
                            config.maxEventBytes()),
                    List.of(Issue.of("event", "common.outbox.event-bytes", bytes, config.maxEventBytes())));
        }
    }

    /**
     * The payload's size in PostgreSQL's jsonb text form, which the relay reads and sends: the compact JSON plus the
     * space jsonb writes after every {@code :} and {@code ,}.
     */
    static long sentBytes(JsonNode data, String compact) {
        return compact.getBytes(StandardCharsets.UTF_8).length + separators(data);
    }

    private static long separators(JsonNode node) {
        long count = 0;
        if (node.isObject()) {
            count += Math.max(0, 2L * node.size() - 1);
        } else if (node.isArray()) {
            count += Math.max(0, node.size() - 1);
        }
        for (JsonNode child : node) {
            count += separators(child);
        }
        return count;
    }

    // Inside a JTA transaction the datasource hands out the transaction's own connection.
    private void write(List<Row> rows, List<AuditTrail.Entry> entries) {
        jdbc.update(INSERT, COLUMNS.arrays(rows));
        relay.wakeAfterCommit();
        audit.record(entries);
        rows.clear();
        entries.clear();
    }
}
