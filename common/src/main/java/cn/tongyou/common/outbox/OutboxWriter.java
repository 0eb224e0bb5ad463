package cn.tongyou.common.outbox;

import cn.tongyou.common.events.DomainEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.tongyou.common.store.ColumnBatch;
import cn.tongyou.common.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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

    private record Row(DomainEvent event, String payload) {
    }

    private static final ColumnBatch<Row> COLUMNS = ColumnBatch.<Row>builder()
            .uuid("event_id", row -> UUID.randomUUID())
            .text("topic", row -> row.event().topic())
            .text("event_type", row -> row.event().type())
            .text("aggregate_id", row -> row.event().aggregateId())
            .bigint("aggregate_version", row -> row.event().version())
            .jsonb("payload", Row::payload)
            .bool("tombstone", row -> row.event().tombstone())
            .build();
    /** The relay publishes in {@code seq} order, so the rows take their sequence numbers in the order given. */
    private static final String INSERT = "insert into outbox_event (" + COLUMNS.names() + ") select " + COLUMNS.names()
            + " from " + COLUMNS.unnest() + " with ordinality as u(" + COLUMNS.names() + ", position) order by position";
    private static final int ROWS_PER_STATEMENT = 5_000;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(DomainEvent event) {
        appendAll(List.of(event));
    }

    /** Appends many events, one statement per few thousand (bulk imports write hundreds of thousands). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(Collection<DomainEvent> events) {
        List<Row> rows = new ArrayList<>(Math.min(events.size(), ROWS_PER_STATEMENT));
        for (DomainEvent event : events) {
            rows.add(new Row(event, json(event)));
            if (rows.size() == ROWS_PER_STATEMENT) {
                write(rows);
                rows.clear();
            }
        }
        if (!rows.isEmpty()) {
            write(rows);
        }
    }

    // Inside a JTA transaction the datasource hands out the transaction's own connection.
    private void write(List<Row> rows) {
        jdbc.update(INSERT, COLUMNS.arrays(rows));
    }

    private String json(DomainEvent event) {
        try {
            return mapper.writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }
}
