package cn.tongyou.reporting.api;

import cn.tongyou.common.http.ConcurrencyLimiter;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.reporting.service.ComplianceService;
import cn.tongyou.local.DevTokens;
import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.Metrics;
import cn.tongyou.reporting.events.TopicsTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A county (410185) built from real events on the broker, judged for 2025 as of 2026-02-01: one target met, one
 * overdue milestone, a missing 2025H2 report, one of two villages with a 儿童之家.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceApiTest {

    static final String C = "410185000000";
    static final String TOWNSHIP = "410185101000";
    static final String TASK = "11111111-2222-4333-8444-555555555555";
    static final String PLAN = "11111111-2222-4333-8444-666666666666";
    static final String MILESTONE = "11111111-2222-4333-8444-777777777777";
    static final String UNIT = "11111111-2222-4333-8444-888888888888";

    @Inject
    AgroalDataSource ds;

    @Inject
    ConcurrencyLimiter limiter;

    static String bearer(String role, String region) {
        return "Bearer " + DevTokens.mint("test-" + role, Set.of(role), region);
    }

    @BeforeAll
    void publish() {
        try (Events e = new Events()) {
            region(e, C, "测试县", "county", "410100000000");
            region(e, TOWNSHIP, "测试镇", "township", C);
            region(e, "410185101001", "一村", "village", TOWNSHIP);
            region(e, "410185101002", "二村", "village", TOWNSHIP);
            e.send("cfc.facility.changed.v1", Events.example("cfc.facility.changed.v1", n -> {
                n.put("id", "11111111-2222-4333-8444-999999999999");
                n.put("regionCode", "410185101001");
            }));
            e.send("cfc.indicator.changed.v1", Events.example("cfc.indicator.changed.v1", n -> {}));
            e.send("cfc.target.changed.v1", Events.example("cfc.target.changed.v1", n -> {
                n.put("id", "11111111-2222-4333-8444-000000000001");
                n.put("indicatorCode", "neonatal-mortality-rate");
                n.put("regionCode", C);
                n.put("kind", "<");
                n.put("value", 2);
                n.putNull("baselineYear");
                n.put("text", "新生儿死亡率<2‰");
            }));
            e.send("cfc.observation.changed.v1", Events.example("cfc.observation.changed.v1", n -> {
                n.put("id", "11111111-2222-4333-8444-000000000002");
                n.put("regionCode", C);
            }));
            e.send("cfc.plan.changed.v1", Events.example("cfc.plan.changed.v1", n -> {
                n.put("id", PLAN);
                n.put("regionCode", C);
            }));
            e.send("cfc.task.changed.v1", Events.example("cfc.task.changed.v1", n -> {
                n.put("id", TASK);
                n.put("planId", PLAN);
                n.put("regionCode", C);
                ((com.fasterxml.jackson.databind.node.ObjectNode) n.withArray("leadUnits").get(0)).put("id", UNIT);
            }));
            e.send("cfc.milestone.changed.v1", milestone("open", 1));
            e.send("cfc.unit.changed.v1", Events.example("cfc.unit.changed.v1", n -> {
                n.put("id", UNIT);
                n.put("regionCode", C);
                n.put("name", "区卫健局");
            }));
        }
        Db.await(ds, Objects::nonNull, "select version from unit_projection where id = ?", UNIT);
        Db.await(ds, Objects::nonNull, "select version from milestone_projection where id = ?", MILESTONE);
        Db.await(ds, Objects::nonNull, "select version from observation_projection where id = ?", "11111111-2222-4333-8444-000000000002");
        Db.await(ds, Objects::nonNull, "select version from facility_projection where id = ?", "11111111-2222-4333-8444-999999999999");
        Db.await(ds, Objects::nonNull, "select version from region_projection where id = ?", "410185101002");
        Db.await(ds, Objects::nonNull, "select version from target_projection where id = ?", "11111111-2222-4333-8444-000000000001");
        Db.await(ds, Objects::nonNull, "select version from indicator_projection where id = ?", "neonatal-mortality-rate");
        Db.await(ds, Objects::nonNull, "select version from task_projection where id = ?", TASK);
        Db.await(ds, Objects::nonNull, "select version from plan_projection where id = ?", PLAN);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode milestone(String status, int version) {
        return Events.example("cfc.milestone.changed.v1", n -> {
            n.put("id", MILESTONE);
            n.put("taskId", TASK);
            n.put("planId", PLAN);
            n.put("regionCode", C);
            n.put("dueDate", "2025-06-30");
            n.put("status", status);
            n.put("version", version);
            if (status.equals("open")) {
                n.putNull("doneOn");
                n.putNull("evidence");
                n.putNull("completedByReport");
            }
        });
    }

    static void region(Events e, String code, String name, String level, String parent) {
        e.send("cfc.region.changed.v1", Events.example("cfc.region.changed.v1", n -> {
            n.put("code", code);
            n.put("name", name);
            n.put("level", level);
            n.put("parentCode", parent);
        }));
    }

    JsonPath live() {
        return given().header("Authorization", bearer("viewer", "410185"))
                .queryParam("region", "410185").queryParam("period", "2025").queryParam("asOf", "2026-02-01")
                .when().get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void liveViewFromEvents() {
        JsonPath j = live();
        assertThat(j.getString("region")).isEqualTo(C);
        assertThat(j.getString("regionName")).isEqualTo("测试县");
        assertThat(j.getString("targets[0].status")).isEqualTo("MET");        // approved 1.8‰ in 2025 < 2‰
        assertThat(j.getString("targets[0].value")).isEqualTo("1.8");
        assertThat(j.getString("milestones[0].state")).isEqualTo("overdue");
        assertThat(j.getInt("milestones[0].daysOverdue")).isEqualTo(216);
        assertThat(j.getDouble("facilities[0].ratio")).isEqualTo(0.5);
        assertThat(j.getList("facilities[0].uncovered.code")).containsExactly("410185101002");
        assertThat(j.getMap("summary.totals")).containsEntry("MET", 1).containsEntry("NOT_MET", 1);
        assertThat(j.getInt("summary.score")).isEqualTo(50);
        assertThat(j.getList("warnings.kind")).containsExactlyInAnyOrder("coverage-gap", "overdue-milestone", "report-missing");
        assertThat(j.getString("units[0].unitId")).isEqualTo(UNIT);
        assertThat(j.getInt("units[0].overdueMilestones")).isEqualTo(1);
        assertThat(j.getInt("units[0].missingReports")).isEqualTo(1);
        assertThat(j.getList("children.code")).containsExactly(TOWNSHIP);
        assertThat(j.getDouble("children[0].childrenHomeCoverage")).isEqualTo(0.5);
        assertThat(j.getMap("positions")).isNotEmpty();
        assertThat(j.getString("snapshotId")).isNull();
    }

    @Test
    void computationsAreTimed() {
        live();
        given().header("Authorization", bearer("coordinator", "410185")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201);
        assertThat(Metrics.value("reporting_snapshot_duration_seconds_count", "kind=\"live\",level=\"county\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(Metrics.value("reporting_snapshot_duration_seconds_count", "kind=\"stored\",level=\"county\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(Metrics.value("reporting_snapshot_duration_seconds_sum", "kind=\"stored\",level=\"county\"")).isPositive();
    }

    @Test
    void errorsAreProblems() {
        given().queryParam("region", "410185").queryParam("period", "2025").when().get("/api/v1/compliance").then().statusCode(401);
        given().header("Authorization", bearer("viewer", null)).queryParam("region", "410185").queryParam("period", "2025x")
                .when().get("/api/v1/compliance").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", bearer("viewer", DevTokens.NATIONWIDE)).queryParam("region", "659999").queryParam("period", "2025")
                .when().get("/api/v1/compliance").then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", bearer("coordinator", "410182")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025")).when().post("/api/v1/snapshots").then().statusCode(403);
        given().header("Authorization", bearer("viewer", "410185")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025")).when().post("/api/v1/snapshots").then().statusCode(403);
        given().header("Authorization", bearer("viewer", null)).when().get("/api/v1/snapshots/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void snapshotsAreStoredComparedAndExported() {
        String coordinator = bearer("coordinator", "410185");
        JsonPath first = given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        String a = first.getString("snapshotId");
        assertThat(first.getInt("summary.score")).isEqualTo(50);

        try (Events e = new Events()) {
            e.send("cfc.milestone.changed.v1", milestone("done", 3));
        }
        Db.await(ds, "3"::equals, "select version from milestone_projection where id = ?", MILESTONE);
        String b = given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath().getString("snapshotId");

        // the first snapshot is unchanged by the later event
        JsonPath again = given().header("Authorization", bearer("viewer", "410185")).when().get("/api/v1/snapshots/" + a)
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("milestones[0].state")).isEqualTo("overdue");
        assertThat(again.getInt("summary.score")).isEqualTo(50);

        JsonPath diff = given().header("Authorization", bearer("viewer", "410100")).when().get("/api/v1/snapshots/" + a + "/diff/" + b)
                .then().statusCode(200).extract().jsonPath();
        assertThat(diff.getInt("scoreFrom")).isEqualTo(50);
        assertThat(diff.getInt("scoreTo")).isEqualTo(100);
        assertThat(diff.getList("changes.id")).contains(MILESTONE);
        assertThat(diff.getList("resolvedWarnings.kind")).containsExactly("overdue-milestone");
        assertThat(diff.getMap("totalsDelta")).containsEntry("NOT_MET", -1).containsEntry("MET", 1);

        JsonPath list = given().header("Authorization", bearer("viewer", DevTokens.NATIONWIDE)).queryParam("region", "410185").queryParam("period", "2025")
                .when().get("/api/v1/snapshots").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.id")).contains(a, b);

        byte[] csv = given().header("Authorization", bearer("viewer", "410185")).queryParam("format", "csv")
                .when().get("/api/v1/snapshots/" + a).then().statusCode(200).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\ufeff类别,领域,编号,事项");
        assertThat(text).contains("新生儿死亡率", "已达标", "逾期216天", "区卫健局");

        byte[] xlsx = given().header("Authorization", bearer("viewer", "410185")).queryParam("format", "xlsx")
                .when().get("/api/v1/snapshots/" + a).then().statusCode(200).extract().asByteArray();
        String xml = unzipText(xlsx);
        assertThat(xml).contains("汇总", "公共服务友好", "责任单位", "预警", "新生儿死亡率", "已达标");
    }

    /**
     * Long lists are served whole page by page: the view names the first items with their number and a link, and the
     * link (live or into a stored snapshot) answers every item, scoped as the view; bad paging is a problem.
     */
    @Test
    void longListsAreLinkedAndPaged() {
        String viewer = bearer("viewer", "410185");
        JsonPath view = live();
        assertThat(view.getLong("facilities[0].uncoveredCount")).isEqualTo(1);
        String href = view.getString("facilities[0].uncoveredHref");
        assertThat(href).startsWith("/api/v1/compliance/uncovered?region=" + C + "&period=2025&asOf=2026-02-01");
        JsonPath uncovered = given().header("Authorization", viewer).when().get(href).then().statusCode(200).extract().jsonPath();
        assertThat(uncovered.getList("items.code")).isEqualTo(view.getList("facilities[0].uncovered.code"));
        assertThat(uncovered.getLong("total")).isEqualTo(1);
        // whether the milestone is still overdue depends on the other tests' order: counted against the list itself
        List<String> kinds = view.getList("warnings.kind");
        assertThat(view.getMap("warningCounts")).containsEntry("coverage-gap", 1).containsEntry("report-missing", 1)
                .hasSize(new java.util.HashSet<>(kinds).size());
        assertThat(view.getInt("warnings.find { it.kind == 'coverage-gap' }.regionCount")).isEqualTo(1);
        assertThat(view.getString("completeness.unitsHref")).isEqualTo("/api/v1/completeness?region=" + C + "&period=2025&by=unit");
        JsonPath page2 = given().header("Authorization", viewer).queryParam("size", 1).queryParam("page", 2)
                .when().get(view.getString("warningsHref")).then().statusCode(200).extract().jsonPath();
        assertThat(page2.getList("items.kind")).containsExactly(view.getString("warnings[1].kind"));
        assertThat(page2.getLong("total")).isEqualTo(kinds.size());
        JsonPath gaps = given().header("Authorization", viewer).queryParam("kind", "coverage-gap")
                .when().get(view.getString("warningsHref")).then().statusCode(200).extract().jsonPath();
        assertThat(gaps.getList("items.regions.code.flatten()")).containsExactly("410185101002");

        JsonPath stored = given().header("Authorization", bearer("coordinator", "410185")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        String id = stored.getString("snapshotId");
        assertThat(stored.getString("facilities[0].uncoveredHref")).isEqualTo("/api/v1/snapshots/" + id + "/uncovered?facilityType=children-home");
        assertThat(given().header("Authorization", viewer).when().get(stored.getString("facilities[0].uncoveredHref"))
                .then().statusCode(200).extract().jsonPath().getList("items.code")).containsExactly("410185101002");
        assertThat(given().header("Authorization", viewer).when().get(stored.getString("warningsHref"))
                .then().statusCode(200).extract().jsonPath().getList("items.kind")).isEqualTo(stored.getList("warnings.kind"));
        JsonPath units = given().header("Authorization", viewer).when().get(stored.getString("completeness.unitsHref"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(units.getLong("total")).isEqualTo(stored.getLong("completeness.unitCount"));
        assertThat(units.getList("items.name")).isEqualTo(stored.getList("completeness.units.name"));

        // scoped as the view and the snapshot; bad paging, unknown ids: problems
        problem(given().header("Authorization", bearer("viewer", "410182")).when().get(href), 403);
        problem(given().header("Authorization", bearer("viewer", "410182")).when().get("/api/v1/snapshots/" + id + "/warnings"), 404);
        problem(given().header("Authorization", bearer("viewer", "410182")).when().get("/api/v1/snapshots/" + id + "/units"), 404);
        problem(given().header("Authorization", viewer).queryParam("page", 0).when().get("/api/v1/snapshots/" + id + "/uncovered"), 400);
        problem(given().header("Authorization", viewer).queryParam("size", 501).when().get(href), 400);
        problem(given().header("Authorization", viewer).queryParam("region", "4101x").queryParam("period", "2025")
                .when().get("/api/v1/compliance/warnings"), 400);
        problem(given().header("Authorization", viewer).when().get("/api/v1/snapshots/not-a-uuid/uncovered"), 404);
        problem(given().header("Authorization", viewer).when().get("/api/v1/snapshots/" + java.util.UUID.randomUUID() + "/units"), 404);
    }

    String snapshot(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "2026-02-01"))
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath().getString("snapshotId");
    }

    static void problem(io.restassured.response.Response r, int status) {
        r.then().statusCode(status).contentType("application/problem+json");
    }

    @Test
    void liveComplianceAndItsExportsAreScoped() {
        for (String format : new String[] {"json", "csv", "xlsx"}) {
            // a county next door, another province, a token without a region claim: refused
            for (String region : new String[] {"410182", "440000", null}) {
                problem(given().header("Authorization", bearer("viewer", region)).queryParam("region", "410185")
                        .queryParam("period", "2025").queryParam("format", format).when().get("/api/v1/compliance"), 403);
            }
            // the county itself, its city, the whole country: allowed
            for (String region : new String[] {"410185", "410100", DevTokens.NATIONWIDE}) {
                given().header("Authorization", bearer("viewer", region)).queryParam("region", "410185")
                        .queryParam("period", "2025").queryParam("format", format).when().get("/api/v1/compliance")
                        .then().statusCode(200);
            }
        }
        // the county's coordinator cannot look up, at its city
        problem(given().header("Authorization", bearer("coordinator", "410185")).queryParam("region", "410100")
                .queryParam("period", "2025").when().get("/api/v1/compliance"), 403);
    }

    @Test
    void snapshotsAreScopedByIdInDiffsAndInLists() {
        String a = snapshot(bearer("coordinator", "410185"));
        String b = snapshot(bearer("integration", "410100"));
        for (String outside : new String[] {"410182", "440000"}) {
            String token = bearer("viewer", outside);
            for (String format : new String[] {"json", "csv", "xlsx"}) {
                problem(given().header("Authorization", token).queryParam("format", format).when().get("/api/v1/snapshots/" + a), 404);
            }
            problem(given().header("Authorization", token).when().get("/api/v1/snapshots/" + a + "/diff/" + b), 404);
            JsonPath mine = given().header("Authorization", token).when().get("/api/v1/snapshots").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(mine.getList("items.id")).doesNotContain(a, b);
            assertThat(mine.getList("items.region")).allMatch(r -> String.valueOf(r).startsWith(RegionCode.parse(outside).prefix()));
            problem(given().header("Authorization", token).queryParam("region", "410185").when().get("/api/v1/snapshots"), 403);
        }
        // a token without a region claim reads no scoped data at all; its by-id answer does not tell what exists
        problem(given().header("Authorization", bearer("admin", null)).when().get("/api/v1/snapshots"), 403);
        problem(given().header("Authorization", bearer("viewer", null)).when().get("/api/v1/snapshots/" + a), 404);
        // inside: the county, its city and the whole country see them; a list defaults to the token's subtree
        for (String inside : new String[] {"410185", "410100", DevTokens.NATIONWIDE}) {
            String token = bearer("reporter", inside);
            given().header("Authorization", token).when().get("/api/v1/snapshots/" + a + "/diff/" + b).then().statusCode(200);
            assertThat(given().header("Authorization", token).queryParam("size", 500).when().get("/api/v1/snapshots")
                    .then().statusCode(200).extract().jsonPath().getList("items.id")).contains(a, b);
        }
        JsonPath city = given().header("Authorization", bearer("viewer", "410100")).queryParam("region", "410185")
                .queryParam("size", 500).when().get("/api/v1/snapshots").then().statusCode(200).extract().jsonPath();
        assertThat(city.getList("items.id")).contains(a);
        assertThat(city.getList("items.region")).containsOnly(C);
    }

    @Test
    void snapshotCreationIsAuditedAndARefusalWritesNothing() {
        String a = snapshot(bearer("coordinator", "410185"));
        assertThat(Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED' and aggregate_type = 'snapshot'"
                + " and aggregate_id = ? and region_code = ? and actor_subject = 'test-coordinator' and aggregate_version = 1"
                + " and after_state->>'period' = '2025' and after_state->>'regionCode' = ? and actor_region like '410185%'",
                a, C, C)).isEqualTo("1");
        String snapshots = Db.value(ds, "select count(*) from snapshot");
        String changed = Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED'");
        String refused = Db.value(ds, "select count(*) from audit_record where outcome = 'REFUSED'");
        problem(given().header("Authorization", bearer("coordinator", "410182")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025")).when().post("/api/v1/snapshots"), 403);
        problem(given().header("Authorization", bearer("admin", null)).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025")).when().post("/api/v1/snapshots"), 403);
        problem(given().header("Authorization", bearer("reporter", "410185")).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025")).when().post("/api/v1/snapshots"), 403);
        assertThat(Db.value(ds, "select count(*) from snapshot")).isEqualTo(snapshots);
        assertThat(Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED'")).isEqualTo(changed);
        assertThat(Long.parseLong(Db.value(ds, "select count(*) from audit_record where outcome = 'REFUSED'")))
                .isEqualTo(Long.parseLong(refused) + 3);
    }

    @Test
    void badInputIsAProblemAndWritesNothing() {
        String snapshots = Db.value(ds, "select count(*) from snapshot");
        String coordinator = bearer("coordinator", "410185");
        problem(given().header("Authorization", coordinator).contentType(ContentType.JSON).body("{}").when().post("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(Map.of("region", "41018x", "period", "2025")).when().post("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025H3")).when().post("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", coordinator).contentType(ContentType.JSON)
                .body(Map.of("region", "410185", "period", "2025", "asOf", "yesterday")).when().post("/api/v1/snapshots"), 400);
        assertThat(Db.value(ds, "select count(*) from snapshot")).isEqualTo(snapshots);
        String viewer = bearer("viewer", "410185");
        problem(given().header("Authorization", viewer).queryParam("region", "410185").queryParam("period", "2025")
                .queryParam("format", "pdf").when().get("/api/v1/compliance"), 400);
        problem(given().header("Authorization", viewer).queryParam("page", 0).when().get("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", viewer).queryParam("size", 501).when().get("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", viewer).queryParam("region", "abc").when().get("/api/v1/snapshots"), 400);
        problem(given().header("Authorization", viewer).when().get("/api/v1/snapshots/not-a-uuid"), 404);
    }

    @Test
    void provinceComputationsAndExportsAreBoundedWith429AndRetryAfter() {
        // the test profile allows one of each at a time (cfc.http.concurrency.*=1): hold it, as a running call would
        try (ConcurrencyLimiter.Permit held = limiter.acquire(Formats.EXPORT)) {
            for (String format : new String[] {"csv", "xlsx"}) {
                given().header("Authorization", bearer("viewer", "410185")).queryParam("region", "410185").queryParam("period", "2025")
                        .queryParam("format", format).when().get("/api/v1/compliance")
                        .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "5");
            }
            // JSON is not an export
            given().header("Authorization", bearer("viewer", "410185")).queryParam("region", "410185").queryParam("period", "2025")
                    .when().get("/api/v1/compliance").then().statusCode(200);
        }
        given().header("Authorization", bearer("viewer", "410185")).queryParam("region", "410185").queryParam("period", "2025")
                .queryParam("format", "csv").when().get("/api/v1/compliance").then().statusCode(200);

        String snapshots = Db.value(ds, "select count(*) from snapshot");
        String changed = Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED'");
        try (ConcurrencyLimiter.Permit held = limiter.acquire(ComplianceService.PROVINCE_LIMIT)) {
            given().header("Authorization", bearer("viewer", DevTokens.NATIONWIDE)).queryParam("region", "410000")
                    .queryParam("period", "2025").when().get("/api/v1/compliance")
                    .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "5");
            given().header("Authorization", bearer("coordinator", "410000")).contentType(ContentType.JSON)
                    .body(Map.of("region", "410000", "period", "2025")).when().post("/api/v1/snapshots")
                    .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "5");
            // a county is not bounded
            given().header("Authorization", bearer("viewer", "410185")).queryParam("region", "410185").queryParam("period", "2025")
                    .when().get("/api/v1/compliance").then().statusCode(200);
        }
        assertThat(Db.value(ds, "select count(*) from snapshot")).isEqualTo(snapshots);
        assertThat(Db.value(ds, "select count(*) from audit_record where outcome = 'CHANGED'")).isEqualTo(changed);
        // the permit is back: the province is computed again (or 404 when no test projected the province)
        assertThat(given().header("Authorization", bearer("viewer", DevTokens.NATIONWIDE)).queryParam("region", "410000")
                .queryParam("period", "2025").when().get("/api/v1/compliance").then().extract().statusCode()).isIn(200, 404);
    }

    /** The XML parts of an XLSX, read through the zip's central directory as a spreadsheet program does. */
    static String unzipText(byte[] zip) {
        StringBuilder all = new StringBuilder();
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
            java.nio.file.Files.write(file, zip);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(z.entries())) {
                    if (entry.getName().endsWith(".xml")) {
                        all.append(new String(z.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            java.nio.file.Files.delete(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // XML numeric character references (&#27719;) are how the writer stores non-ASCII text; decode them
        return java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(all)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
    }
}
