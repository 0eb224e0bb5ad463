package cn.tongyou.common.outbox;

import cn.tongyou.common.events.DomainEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction, so an event exists exactly when its change was
 * committed. Callers must already be in a transaction; the relay publishes the rows afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = "insert into outbox_event "
            + "(event_id, topic, event_type, aggregate_id, aggregate_version, payload, tombstone) "
            + "values (?, ?, ?, ?, ?, cast(? as jsonb), ?)";
    private static final int JDBC_BATCH = 1000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(DomainEvent event) {
        appendAll(List.of(event));
    }

    /** Appends many events with batched inserts (bulk imports write hundreds of thousands). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(Collection<DomainEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        // Inside a JTA transaction Agroal hands out the transaction's own connection.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (DomainEvent event : events) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, event.topic());
                insert.setString(3, event.type());
                insert.setString(4, event.aggregateId());
                insert.setLong(5, event.version());
                insert.setString(6, mapper.writeValueAsString(event.data()));
                insert.setBoolean(7, event.tombstone());
                insert.addBatch();
                if (++pending == JDBC_BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not serialisable", e);
        }
    }
}
