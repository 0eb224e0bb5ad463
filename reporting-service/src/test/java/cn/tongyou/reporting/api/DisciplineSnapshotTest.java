package cn.tongyou.reporting.api;

import cn.tongyou.local.testing.PlatformTestResource;
import cn.tongyou.reporting.events.Db;
import cn.tongyou.reporting.events.DeadLetterPublisher;
import cn.tongyou.reporting.events.Events;
import cn.tongyou.reporting.events.TopicsTestResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static cn.tongyou.reporting.api.ComplianceApiTest.bearer;
import static cn.tongyou.reporting.api.ComplianceApiTest.region;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two discipline streams of indicator-service projected (idempotent by version, unreadable records dead-lettered)
 * and shown in a snapshot of a city (漯河市 411100) for 2026H2: the approval states of the city and its county, a
 * warning for the county's approval waiting for acceptance, and one per open data-quality finding with its values.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TopicsTestResource.class, restrictToAnnotatedClass = false)
class DisciplineSnapshotTest {

    static final String CITY = "411100000000";
    static final String COUNTY = "411102000000";
    static final String VIOLATION = "33333333-2222-4333-8444-000000000001";
    static final String OUTLIER = "33333333-2222-4333-8444-000000000002";
    static final String RESOLVED = "33333333-2222-4333-8444-000000000003";

    @Inject
    AgroalDataSource ds;

    @Inject
    DeadLetterPublisher deadLetters;

    static ObjectNode approval(String region, String status, int version) {
        return Events.example("cfc.approval.changed.v1", n -> {
            n.put("region", region);
            n.put("regionLevel", region.equals(CITY) ? "prefecture" : "county");
            n.put("acceptorLevel", region.equals(CITY) ? "province" : "prefecture");
            n.put("period", "2026H2");
            n.put("status", status);
            n.put("version", version);
            n.put("updatedBy", "xc-coordinator");
            ObjectNode step = n.putArray("history").addObject();
            step.put("action", status.equals("returned") ? "returned" : "submitted");
            step.put("level", region.equals(CITY) ? "prefecture" : "county");
            step.put("actor", "xc-coordinator");
            step.put("at", "2027-01-10T02:00:00Z");
            step.put("comment", status.equals("returned") ? "儿童之家数量请核实" : null);
            step.putArray("observations");
        });
    }

    static ObjectNode finding(String id, String kind, String status) {
        return Events.example("cfc.quality-finding.changed.v1", n -> {
            n.put("id", id);
            n.put("kind", kind);
            n.put("region", COUNTY);
            n.put("period", "2026H2");
            n.put("status", status);
            n.put("messageZh", kind.equals("outlier") ? "数值偏离历史水平" : "儿童之家数量多于村（社区）数");
            n.putArray("values").addObject().put("indicator", "children-home-count").put("part", "value").put("value", 412).putNull("observationId");
        });
    }

    @Test
    void approvalsAndOpenFindingsAreProjectedAndShownInTheSnapshot() {
        long before = deadLetters.published();
        try (Events e = new Events()) {
            region(e, CITY, "漯河市", "prefecture", "410000000000");
            region(e, COUNTY, "源汇区", "county", CITY);
            e.send("cfc.approval.changed.v1", approval(COUNTY, "submitted", 2));
            // an older version arrives late: ignored
            e.send("cfc.approval.changed.v1", approval(COUNTY, "returned", 1));
            e.send("cfc.approval.changed.v1", approval(CITY, "returned", 1));
            // unreadable: not JSON, and a key that is not the data's region:period
            e.sendRaw("cfc.approvals", COUNTY + ":2026H2", "cfc.approval.changed.v1", "3", "{oops".getBytes(StandardCharsets.UTF_8));
            e.sendRaw("cfc.approvals", "411199000000:2026H2", "cfc.approval.changed.v1", "3",
                    approval(COUNTY, "accepted", 3).toString().getBytes(StandardCharsets.UTF_8));
            e.send("cfc.quality-finding.changed.v1", finding(VIOLATION, "rule", "open"));
            e.send("cfc.quality-finding.changed.v1", finding(OUTLIER, "outlier", "open"));
            e.send("cfc.quality-finding.changed.v1", finding(RESOLVED, "bounds", "resolved"));
        }
        Db.await(ds, Objects::nonNull, "select version from quality_finding_projection where id = ?", RESOLVED);
        Db.await(ds, Objects::nonNull, "select version from approval_projection where id = ?", CITY + ":2026H2");
        Db.await(ds, Objects::nonNull, "select version from region_projection where id = ?", COUNTY);
        Db.until(() -> deadLetters.published() - before >= 2, Duration.ofSeconds(30));
        assertThat(deadLetters.published() - before).isEqualTo(2);
        assertThat(Db.value(ds, "select version || ' ' || status from approval_projection a join lateral"
                + " (select a.data->>'status' as status) s on true where id = ?", COUNTY + ":2026H2")).isEqualTo("2 submitted");

        JsonPath s = given().header("Authorization", bearer("coordinator", "411100")).contentType(ContentType.JSON)
                .body("{\"region\": \"411100\", \"period\": \"2026H2\", \"asOf\": \"2027-02-01\"}")
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath();
        assertThat(s.getList("approvals.region")).containsExactly(CITY, COUNTY);
        assertThat(s.getList("approvals.status")).containsExactly("returned", "submitted");
        assertThat(s.getString("approvals[0].comment")).isEqualTo("儿童之家数量请核实");
        assertThat(s.getString("approvals[1].updatedBy")).isEqualTo("xc-coordinator");
        // indicator-service sends no region names: the region projection gives them
        assertThat(s.getList("approvals.regionName")).containsExactly("漯河市", "源汇区");
        assertThat(s.getString("approvals[1].acceptorLevel")).isEqualTo("prefecture");
        assertThat(s.getList("approvals[1].history.action")).containsExactly("submitted");

        List<Map<String, Object>> warnings = s.getList("warnings");
        assertThat(warnings).filteredOn(w -> "approval-awaiting-acceptance".equals(w.get("kind")))
                .extracting(w -> w.get("subject")).containsExactly(COUNTY);
        assertThat(warnings).filteredOn(w -> "quality-violation".equals(w.get("kind")))
                .extracting(w -> w.get("subject"), w -> w.get("message"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(VIOLATION, "儿童之家数量多于村（社区）数（children-home-count = 412）"
                        + (finding(VIOLATION, "rule", "open").path("blocking").asBoolean() ? " [阻止提交]" : "")));
        assertThat(warnings).filteredOn(w -> "outlier".equals(w.get("kind"))).extracting(w -> w.get("subject")).containsExactly(OUTLIER);
        assertThat(warnings).extracting(w -> w.get("subject")).doesNotContain(RESOLVED);

        // the approvals and warnings in the exports
        String id = s.getString("snapshotId");
        String csv = given().header("Authorization", bearer("viewer", "411100")).when().get("/api/v1/snapshots/" + id + "?format=csv")
                .then().statusCode(200).extract().asString();
        assertThat(csv).contains("审核状态,," + COUNTY + ",源汇区," + COUNTY + ",2026H2,已提交待验收");
        byte[] xlsx = given().header("Authorization", bearer("viewer", "411100")).when().get("/api/v1/snapshots/" + id + "?format=xlsx")
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(xlsx, StandardCharsets.ISO_8859_1)).contains("xl/worksheets/");

        // a later snapshot after the county's acceptance: the diff names the approval's change
        try (Events e = new Events()) {
            e.send("cfc.approval.changed.v1", approval(COUNTY, "accepted", 3));
        }
        Db.await(ds, "3"::equals, "select version from approval_projection where id = ?", COUNTY + ":2026H2");
        String id2 = given().header("Authorization", bearer("coordinator", "411100")).contentType(ContentType.JSON)
                .body("{\"region\": \"411100\", \"period\": \"2026H2\", \"asOf\": \"2027-02-01\"}")
                .when().post("/api/v1/snapshots").then().statusCode(201).extract().jsonPath().getString("snapshotId");
        JsonPath diff = given().header("Authorization", bearer("viewer", "411100")).when().get("/api/v1/snapshots/" + id + "/diff/" + id2)
                .then().statusCode(200).extract().jsonPath();
        assertThat(diff.getList("changes.findAll { it.what == 'approval' }.id")).containsExactly(COUNTY);
        assertThat(diff.getList("resolvedWarnings.kind")).containsExactly("approval-awaiting-acceptance");
    }
}
