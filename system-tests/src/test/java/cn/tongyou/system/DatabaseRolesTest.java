package cn.tongyou.system;

import cn.tongyou.local.EmbeddedPostgresServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static cn.tongyou.system.Platform.FACILITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The least-privilege database roles (docs/design.md §11.1): every service runs as its schema's runtime
 * role {@code <schema>_app} after Flyway migrated as {@code <schema>_owner}. facility-service's runtime role does its
 * ordinary work — a facility with its status history, sealed audit records — and nothing else: it cannot read
 * indicator-service's schema, change or delete a history or audit row, create a table or touch Flyway's history. The
 * rest of the system-test suite, run with the same roles, shows the services' ordinary writes all work.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class DatabaseRolesTest {

    /** 惠济区, 郑州市: no other system test uses it. */
    static final String COUNTY = "410108";
    static final String APP = EmbeddedPostgresServer.appRole("facility");
    static final String PERMISSION_DENIED = "42501";

    /** Each service's history tables and the audit trail: the runtime role may add rows, never change one. */
    static final Map<String, List<String>> INSERT_ONLY = Map.of(
            "facility", List.of("facility_status_change", "audit_record", "audit_seal"),
            "indicator", List.of("observation_revision", "audit_record", "audit_seal"),
            "task", List.of("progress_report_revision", "audit_record", "audit_seal"),
            "reporting", List.of("snapshot", "audit_record", "audit_seal"));

    @Test
    void facilityServiceWritesAsItsRuntimeRoleWhichCannotReachFurther() throws Exception {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(COUNTY);
        String township = Regions.importCounty(COUNTY).get(0);
        String village = township + "201";
        Regions.importGeneric("code,name,parentCode,urbanRuralCode\n" + village + ",角色测试村," + township + ",220\n");
        String id = Http.as(coordinator, FACILITY).body("""
                        {"type":"children-home","name":"角色测试村儿童之家","regionCode":"%s","location":{"lat":34.86,"lng":113.62},
                         "status":"open","openedOn":"2025-03-01",
                         "checklist":{"venue":true,"equipment":true,"rules":true,"staff":true,"funding":true}}
                        """.formatted(village))
                .post("/api/v1/facilities").then().statusCode(201).extract().jsonPath().getString("id");

        try (Connection app = platform.connectAs(APP)) {
            assertThat(count(app, "select count(*) from facility.facility_status_change where facility_id = '" + id
                    + "'")).as("the new facility's status history, read as " + APP).isEqualTo(1);
            assertThat(count(app, "select count(*) from facility.audit_record where aggregate_id = '" + id + "'"))
                    .as("its audit record").isPositive();

            // another service's schema
            assertDenied(app, "select count(*) from indicator.indicator");
            assertDenied(app, "select count(*) from task.plan");
            // the history: read and add, never change or remove
            assertDenied(app, "update facility.facility_status_change set reason = 'rewritten' where facility_id = '"
                    + id + "'");
            assertDenied(app, "delete from facility.facility_status_change where facility_id = '" + id + "'");
            assertDenied(app, "truncate facility.facility_status_change");
            // the audit trail: refused by the grants already, before its append-only trigger
            assertDenied(app, "update facility.audit_record set detail = 'rewritten' where aggregate_id = '" + id + "'");
            assertDenied(app, "delete from facility.audit_record where aggregate_id = '" + id + "'");
            assertDenied(app, "truncate facility.audit_record");
            // no DDL anywhere, no Flyway history
            assertDenied(app, "create table facility.intruder (id int)");
            assertDenied(app, "create table public.intruder (id int)");
            assertDenied(app, "create schema intruder");
            assertDenied(app, "alter table facility.facility add column intruder text");
            assertDenied(app, "select count(*) from facility.flyway_schema_history");
        }

        // the sealer, running as the runtime role, adds the seals, and the chain holds; a seal is never changed
        JsonPath verification = awaitSealed(platform);
        assertThat(verification.getBoolean("intact")).isTrue();
        assertThat(verification.getLong("sealedRows")).isPositive();
        try (Connection app = platform.connectAs(APP)) {
            assertThat(count(app, "select count(*) from facility.audit_seal s join facility.audit_record r "
                    + "on r.id = s.record_id where r.aggregate_id = '" + id + "'")).as("its seal").isPositive();
            assertDenied(app, "update facility.audit_seal set hash = repeat('0', 64)");
            assertDenied(app, "delete from facility.audit_seal");
            assertDenied(app, "truncate facility.audit_seal");
        }
    }

    @Test
    void everyServiceMigratedAsItsOwnerAndRunsAsItsRuntimeRole() throws Exception {
        Platform platform = Platform.get();
        try (Connection admin = platform.connectAs(platform.superuser())) {
            for (String schema : EmbeddedPostgresServer.SERVICE_SCHEMAS) {
                String owner = EmbeddedPostgresServer.ownerRole(schema);
                String app = EmbeddedPostgresServer.appRole(schema);
                assertThat(strings(admin, "select distinct installed_by from " + schema + ".flyway_schema_history"))
                        .as("who ran %s's migrations", schema).containsExactly(owner);
                assertThat(strings(admin, "select distinct pg_get_userbyid(c.relowner) from pg_class c "
                        + "where c.relnamespace = '" + schema + "'::regnamespace"))
                        .as("owners of %s's tables", schema).containsExactly(owner);
                assertThat(strings(admin, "select pg_get_userbyid(nspowner) from pg_namespace where nspname = '"
                        + schema + "'")).containsExactly(owner);

                for (String other : EmbeddedPostgresServer.SERVICE_SCHEMAS) {
                    assertThat(bool(admin, "select has_schema_privilege(?, ?, 'USAGE')", app, other))
                            .as("%s uses schema %s", app, other).isEqualTo(other.equals(schema));
                    assertThat(bool(admin, "select has_schema_privilege(?, ?, 'CREATE')", app, other))
                            .as("%s creates in schema %s", app, other).isFalse();
                }
                for (String table : INSERT_ONLY.get(schema)) {
                    String t = schema + "." + table;
                    assertThat(bool(admin, "select has_table_privilege(?, ?, 'SELECT')", app, t)).as(t).isTrue();
                    assertThat(bool(admin, "select has_table_privilege(?, ?, 'INSERT')", app, t)).as(t).isTrue();
                    for (String change : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                        assertThat(bool(admin, "select has_table_privilege(?, ?, '" + change + "')", app, t))
                                .as("%s may %s %s", app, change, t).isFalse();
                    }
                }
                // the outbox relay marks and deletes published rows; the idempotency store expires its keys; the
                // relay and the sealer empty their queues
                for (String table : List.of("outbox_event", "idempotency_record", "outbox_pending", "audit_unsealed")) {
                    for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                        assertThat(bool(admin, "select has_table_privilege(?, ?, '" + privilege + "')", app,
                                schema + "." + table)).as("%s may %s %s.%s", app, privilege, schema, table).isTrue();
                    }
                }
            }
            // each service's pool holds connections of its runtime role, none of an owner
            Set<String> connected = new TreeSet<>(strings(admin, "select distinct usename from pg_stat_activity "
                    + "where datname = current_database() and (usename like '%\\_app' or usename like '%\\_owner')"));
            assertThat(connected).containsExactlyInAnyOrder("facility_app", "indicator_app", "task_app", "reporting_app");
        }
    }

    private static JsonPath awaitSealed(Platform platform) {
        JsonPath verification = null;
        for (int i = 0; i < 60; i++) {
            verification = Http.as(Http.admin(), FACILITY).get("/api/v1/audit/verification").then().statusCode(200)
                    .extract().jsonPath();
            if (verification.getLong("unsealedRows") == 0) {
                return verification;
            }
            Platform.sleep(500);
        }
        throw new AssertionError("facility-service's audit records were not sealed: " + verification.prettify());
    }

    /** Refused for lack of a privilege ("permission denied for …", or "must be owner of …" for DDL). */
    private static void assertDenied(Connection c, String sql) {
        Throwable e = catchThrowable(() -> execute(c, sql));
        assertThat(e).as("refused as %s: %s", APP, sql).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(PERMISSION_DENIED);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                result.add(r.getString(1));
            }
        }
        return result;
    }

    private static boolean bool(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}
