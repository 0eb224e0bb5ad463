package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static cn.tongyou.facility.api.FacilityTestSupport.CSV;
import static cn.tongyou.facility.api.FacilityTestSupport.admin;
import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Volume figures for the README (a benchmark, not a timed unit test: it asserts correctness, prints the timings, and
 * runs only with {@code -Dcfc.bench=true}): the official divisions plus 50,000 generated villages of 河南省, a
 * 100,000-row CSV import of children's homes, coverage of the province at village level, and near searches over
 * those 100,000 facilities.
 *
 * <pre>./mvnw test -pl facility-service -Dtest=FacilityVolumeTest -Dcfc.bench=true</pre>
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@EnabledIfSystemProperty(named = "cfc.bench", matches = "true")
class FacilityVolumeTest {

    static final int VILLAGES = 50_000;
    static final int FACILITIES = 100_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void provinceScaleImportCoverageAndNearSearch() throws Exception {
        loadDivisions();
        List<String> villages = generateVillages();
        assertThat(villages).hasSizeGreaterThanOrEqualTo(VILLAGES);

        // 100,000 children's homes, two per village, 80 % meeting the standard, at random places in 河南省
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("externalId,type,name,regionCode,lat,lng,status,checklist.venue,checklist.equipment,"
                + "checklist.rules,checklist.staff,checklist.funding,generated\n");
        for (int i = 0; i < FACILITIES; i++) {
            String village = villages.get(i % VILLAGES);
            boolean standard = random.nextInt(10) < 8;
            csv.append("BENCH-").append(i).append(",children-home,测试儿童之家").append(i).append(',').append(village).append(',')
                    .append(String.format("%.5f,%.5f", 32.0 + random.nextDouble() * 4, 111.0 + random.nextDouble() * 5))
                    .append(",open,是,是,是,").append(standard ? "是" : "否").append(",是,true\n");
        }
        long start = System.nanoTime();
        Response imported = given().header("Authorization", admin()).contentType(CSV).body(csv.toString())
                .post("/api/v1/facilities/import");
        double importSeconds = (System.nanoTime() - start) / 1e9;
        imported.then().statusCode(200);
        assertThat(imported.jsonPath().getLong("inserted") + imported.jsonPath().getLong("unchanged")).isEqualTo(FACILITIES);
        report("import of %,d facility rows (CSV, %.1f MB): %.1f s (%,.0f rows/s)", FACILITIES, csv.length() / 1e6,
                importSeconds, FACILITIES / importSeconds);

        analyze();
        List<Double> coverage = new ArrayList<>();
        Response r = null;
        for (int i = 0; i < 7; i++) {
            start = System.nanoTime();
            r = given().header("Authorization", viewer()).queryParam("region", "41").queryParam("type", "children-home")
                    .queryParam("level", "village").get("/api/v1/coverage");
            coverage.add((System.nanoTime() - start) / 1e6);
            r.then().statusCode(200);
        }
        assertThat(r.jsonPath().getLong("eligible")).isGreaterThanOrEqualTo(VILLAGES);
        report("coverage of 河南省 at village level (%,d villages, %,d covered, %d prefectures): median %.0f ms over 7 calls (first %.0f ms)",
                r.jsonPath().getLong("eligible"), r.jsonPath().getLong("covered"), r.jsonPath().getList("children").size(),
                median(coverage), coverage.get(0));

        List<Double> near = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 20; i++) {
            String point = String.format("%.4f,%.4f,5000", 32.5 + random.nextDouble() * 3, 111.5 + random.nextDouble() * 4);
            start = System.nanoTime();
            Response n = given().header("Authorization", viewer()).queryParam("near", point).queryParam("size", 50).get("/api/v1/facilities");
            near.add((System.nanoTime() - start) / 1e6);
            n.then().statusCode(200);
            found += n.jsonPath().getInt("total");
        }
        report("near search (5 km radius, page of 50) over %,d facilities: median %.0f ms over 20 calls, %.1f hits on average",
                FACILITIES, median(near), found / 20.0);
        String plan = explain("select f.id from facility f where public.earth_box(public.ll_to_earth(34.5, 113.5), 5000) "
                + "@> public.ll_to_earth(f.lat, f.lng) and public.earth_distance(public.ll_to_earth(34.5, 113.5), "
                + "public.ll_to_earth(f.lat, f.lng)) <= 5000");
        report("near query plan: %s", plan.replace('\n', ' '));
        assertThat(plan).contains("facility_geo");
    }

    private void loadDivisions() throws Exception {
        if (query("select count(*) from region where level = 4 and code like '41%'") > 2000) {
            return;
        }
        Path dir = divisions();
        for (String file : List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv")) {
            given().header("Authorization", admin()).contentType(CSV).queryParam("validFrom", "2023-06-30")
                    .body(Files.readAllBytes(dir.resolve(file))).post("/api/v1/regions/import").then().statusCode(200);
        }
    }

    private List<String> generateVillages() throws Exception {
        long townships = query("select count(*) from region where level = 4 and code like '41%' and valid_to is null");
        long perTownship = (VILLAGES + townships - 1) / townships;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into region (code, name, level, parent_code, generated, valid_from) "
                    + "select substr(t.code, 1, 9) || lpad((200 + g)::text, 3, '0'), t.name || '测试村' || g, 5, t.code, true, date '2023-06-30' "
                    + "from region t cross join generate_series(1, " + perTownship + ") g "
                    + "where t.level = 4 and t.code like '41%' and t.valid_to is null on conflict do nothing");
        }
        List<String> codes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select code from region where level = 5 and generated and code like '41%' "
                     + "and substr(code, 10, 3)::int > 200 order by code limit " + VILLAGES)) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    private void analyze() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze region");
            s.execute("analyze facility");
        }
    }

    private String explain(String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1).strip()).append(" | ");
            }
        }
        return plan.toString();
    }

    private long query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static Path divisions() {
        String configured = System.getenv("CFC_SHARED_DIR");
        Path current = configured != null ? Path.of(configured).getParent() : Path.of("").toAbsolutePath();
        while (current != null) {
            Path candidate = configured != null ? Path.of(configured) : current.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data/divisions"))) {
                return candidate.resolve("data/divisions");
            }
            current = current.getParent();
        }
        throw new IllegalStateException("../shared/data/divisions not found; set CFC_SHARED_DIR");
    }

    private static void report(String format, Object... args) {
        System.out.println("[bench] " + String.format(format, args));
    }
}
