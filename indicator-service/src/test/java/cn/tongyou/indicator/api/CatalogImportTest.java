package cn.tongyou.indicator.api;

import cn.tongyou.indicator.SharedCatalog;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The real catalogues of 梅州市 (002) and 平顶山市新华区 (003) load through the product's own import. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class CatalogImportTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    @SuppressWarnings("unchecked")
    void meizhouLoadsIts57IndicatorsAndAReimportChangesNothing() {
        Response first = TestSupport.importCatalogue(SharedCatalog.MEIZHOU);
        first.then().statusCode(200).body("regionCode", equalTo("441400000000")).body("committed", equalTo(true))
                .body("read.indicatorTable", equalTo(57));
        // the 57 rows of its table, and the derived indicators of its 51 facility targets (issue 14): each measured or
        // assessed, none unhomed; a facility target repeating a table row lives in that row's target
        int facilityTargets = first.jsonPath().getInt("targetsBySource.facility-target");
        int indicators = first.jsonPath().getInt("indicators.inserted") + first.jsonPath().getInt("indicators.updated")
                + first.jsonPath().getInt("indicators.unchanged");
        assertThat(indicators).isEqualTo(98);
        assertThat(first.jsonPath().getInt("targets.inserted") + first.jsonPath().getInt("targets.updated")
                + first.jsonPath().getInt("targets.unchanged")).isEqualTo(57 + facilityTargets);
        assertThat(first.jsonPath().getInt("targetsBySource.indicator-table")).isEqualTo(57);
        int measured = 0;
        int assessed = 0;
        for (String kind : java.util.List.of("count", "coverage", "standard")) {
            measured += first.jsonPath().getInt("facilityTargets." + kind + ".measured");
            assessed += first.jsonPath().getInt("facilityTargets." + kind + ".assessed");
            assertThat(first.jsonPath().getInt("facilityTargets." + kind + ".unhomed")).isZero();
        }
        assertThat(measured + assessed).isEqualTo(51);
        java.util.List<java.util.Map<String, Object>> homes = first.jsonPath().getList("homes");
        assertThat(homes.stream().filter(h -> "facility-target".equals(h.get("item")))
                .map(h -> ((java.util.List<java.util.Map<String, Object>>) h.get("places")).get(0).get("targetId")))
                .hasSize(51).doesNotContainNull();
        assertThat(TestSupport.count(dataSource, "select count(*) from target where region_code = '441400000000' and level = 'local'"))
                .isEqualTo(57 + facilityTargets);

        long outbox = TestSupport.count(dataSource, "select count(*) from outbox_event");
        Response again = TestSupport.importCatalogue(SharedCatalog.MEIZHOU);
        again.then().statusCode(200)
                .body("indicators.inserted", equalTo(0)).body("indicators.updated", equalTo(0)).body("indicators.unchanged", equalTo(indicators))
                .body("targets.inserted", equalTo(0)).body("targets.updated", equalTo(0)).body("targets.unchanged", equalTo(57 + facilityTargets));
        assertThat(TestSupport.count(dataSource, "select count(*) from outbox_event")).isEqualTo(outbox);

        // each kind as the plan writes it: "<2" is strict, "＞90" too, "力争100" is ≥ 100, 0-17 a range, 是 a bool
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/441400/neonatal-mortality-rate/2025")
                .then().statusCode(200).body("kind", equalTo("<")).body("value", equalTo(2)).body("text", equalTo("<2"))
                .body("source.quote", startsWith("15 新生儿死亡率"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/441400/children-home-coverage/2025")
                .then().statusCode(200).body("kind", equalTo(">=")).body("value", equalTo(100)).body("text", equalTo("力争100"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/441400/child-injury-mortality-rate/2025")
                .then().statusCode(200).body("kind", equalTo("reduce-pct-from-baseline")).body("value", equalTo(20)).body("baselineYear", equalTo(2020));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/indicators/children-home-coverage")
                .then().statusCode(200).body("obtained", equalTo("derived")).body("derivation.facilityType", equalTo("children-home"))
                .body("derivation.level", equalTo("village")).body("sources.document", hasItem("梅州市儿童友好城市建设实施方案"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/indicators/neonatal-mortality-rate")
                .then().statusCode(200).body("valueType", equalTo("per-mille")).body("obtained", equalTo("computed"))
                .body("computation.scale", equalTo(1000)).body("direction", equalTo("decrease")).body("periodTypes", contains("year"));
    }

    @Test
    void pingdingshanLoads84GoalsWith2025And2030TargetsAndTheReferenceTargetsBesideThem() {
        Response first = TestSupport.importCatalogue(SharedCatalog.PINGDINGSHAN);
        first.then().statusCode(200).body("regionCode", equalTo("410402000000")).body("read.indicatorTable", equalTo(84));
        int tableTargets = first.jsonPath().getInt("targetsBySource.indicator-table");
        assertThat(tableTargets).isEqualTo(96);
        assertThat(first.jsonPath().getInt("targetsBySource.reference")).isEqualTo(41);
        assertThat(TestSupport.count(dataSource, "select count(*) from target where region_code = '410402000000' and level <> 'local'")).isEqualTo(41);
        assertThat(TestSupport.count(dataSource, "select count(distinct indicator_code) from target where region_code = '410402000000' "
                + "and source_kind = 'indicator-table'")).isEqualTo(84);

        Response again = TestSupport.importCatalogue(SharedCatalog.PINGDINGSHAN);
        again.then().statusCode(200).body("indicators.inserted", equalTo(0)).body("indicators.updated", equalTo(0))
                .body("targets.inserted", equalTo(0)).body("targets.updated", equalTo(0))
                .body("referenceTargets.inserted", equalTo(0)).body("referenceTargets.updated", equalTo(0));

        // 2025: 90% of urban communities locally, 95% in the national programme: weaker than the level above
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/410402/parent-school-coverage-urban/2025")
                .then().statusCode(200).body("value", equalTo(90)).body("weakerThan", contains("national"))
                .body("references.level", contains("provincial", "national"))
                .body("references.comparison", contains("same", "weaker"));
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/410402/neonatal-mortality-rate/2030?level=national")
                .then().statusCode(200).body("kind", equalTo("<=")).body("value", equalTo(3));
        given().header("Authorization", Tokens.viewer()).queryParam("region", "410402").queryParam("weaker", true)
                .get("/api/v1/targets").then().statusCode(200)
                .body("items.indicatorCode", hasItem("parent-school-coverage-rural"));
        // a goal without a year in a development plan is a 2030 goal, marked as inferred
        given().header("Authorization", Tokens.viewer()).get("/api/v1/targets/410402/immunisation-coverage-township/2030")
                .then().statusCode(200).body("source.yearInferred", equalTo(true));
    }

    @Test
    void aDryRunWritesNothingAndAnotherDocumentIsRefused() {
        long targets = TestSupport.count(dataSource, "select count(*) from target");
        given().header("Authorization", Tokens.admin()).contentType("application/json").queryParam("dryRun", true)
                .body(SharedCatalog.read("004_")).post("/api/v1/catalog/import")
                .then().statusCode(200).body("dryRun", equalTo(true)).body("committed", equalTo(false));
        assertThat(TestSupport.count(dataSource, "select count(*) from target")).isEqualTo(targets);

        given().header("Authorization", Tokens.admin()).contentType("application/json").body(Map.of("hello", List.of()))
                .post("/api/v1/catalog/import").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", Tokens.admin()).contentType("application/json").body("{\"region\":")
                .post("/api/v1/catalog/import").then().statusCode(400).contentType("application/problem+json");
        // the plan's region must lie within the token's region
        given().header("Authorization", Tokens.coordinator("4101")).contentType("application/json")
                .body(SharedCatalog.read(SharedCatalog.MEIZHOU)).post("/api/v1/catalog/import")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(SharedCatalog.read(SharedCatalog.MEIZHOU)).post("/api/v1/catalog/import")
                .then().statusCode(401);
    }
}
