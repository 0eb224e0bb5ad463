package cn.tongyou.common.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Jdbc#forEachWithFreshPlan}: the outbox relay reads its queue with it so that PostgreSQL plans the read for the
 * queue's size at every batch, never from a plan it cached while the queue was nearly empty (issue 16).
 */
class JdbcFreshPlanTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aStatementWithAFreshPlanIsNeverServedByAPlanCachedWhenTheQueueWasSmall() throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            Jdbc.update(connection, "create table queue (seq bigint primary key)", List.of());
            Jdbc.update(connection, "insert into queue select generate_series(1, 3)", List.of());
            Jdbc.update(connection, "analyze queue", List.of());

            String usual = "select seq from queue where seq > ? order by seq limit 5000";
            String fresh = "select seq as s from queue where seq > ? order by seq limit 5000";
            List<Long> read = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Jdbc.forEach(connection, usual, List.of(0L), row -> { });
                read.clear();
                Jdbc.forEachWithFreshPlan(connection, fresh, List.of(0L), row -> read.add(row.longValue("s")));
            }

            assertThat(read).as("the rows, as any statement reads them").containsExactly(1L, 2L, 3L);
            // what the hazard looks like: the driver prepared the usual statement on the server, which then planned
            // it once for any parameter and any table size and keeps that plan
            assertThat(genericPlans(connection, "select seq from queue")).as("the usual statement's cached plans")
                    .isPositive();
            assertThat(genericPlans(connection, "select seq as s from queue"))
                    .as("the fresh statement is never prepared on the server, so nothing caches its plan").isEqualTo(-1);
        }
    }

    /** The generic plans PostgreSQL used for the session's prepared statement starting so; -1 when none is prepared. */
    private static long genericPlans(Connection connection, String start) throws Exception {
        long[] plans = {-1};
        Jdbc.forEach(connection, "select generic_plans from pg_prepared_statements where statement like ?",
                List.of(start + "%"), row -> plans[0] = row.longValue("generic_plans"));
        return plans[0];
    }
}
