package cn.tongyou.facility.benchmark;

import cn.tongyou.local.testing.SharedData;
import cn.tongyou.facility.api.Tokens;
import cn.tongyou.local.testing.PlatformTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The volumes of issue 2, measured: all official divisions plus ~630,000 generated villages in one request stream
 * each, 100,000 facilities, coverage of a province of ~50,000 villages, and a {@code near} search served by the
 * earthdistance index. Not a test: run with {@code ./mvnw -B verify -Pbenchmarks -pl facility-service -am}; the
 * figures go to stdout and to target/benchmark-figures.txt.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@Tag("benchmark")
class FacilityVolumeBenchmark {

    private static final int VILLAGES_PER_TOWNSHIP = 15;
    private static final int VILLAGES_PER_HENAN_TOWNSHIP = 20;
    private static final int FACILITIES = 100_000;

    @Inject
    AgroalDataSource dataSource;

    private final List<String> figures = new ArrayList<>();

    @Test
    void volumes() throws Exception {
        long divisions = 0;
        long started = System.nanoTime();
        for (String file : List.of("provinces.csv", "cities.csv", "areas.csv", "streets.csv")) {
            Response r = importCsv(Files.readAllBytes(SharedData.divisions(file)), false);
            divisions += r.jsonPath().getLong("inserted") + r.jsonPath().getLong("unchanged");
        }
        figure("import of the 4 official tables (%d regions): %d ms", divisions, ms(started));

        byte[] villages = generatedVillages();
        long villageRows = countLines(villages) - 1;
        started = System.nanoTime();
        Response imported = importCsv(villages, true);
        long villageMs = ms(started);
        assertThat(imported.jsonPath().getLong("rejected")).isZero();
        figure("import of %d generated villages in one request (%.1f MB CSV): %d ms = %d rows/s (inserted %d)",
                villageRows, villages.length / 1e6, villageMs, villageRows * 1000 / villageMs,
                imported.jsonPath().getLong("inserted"));
        started = System.nanoTime();
        Response again = importCsv(villages, true);
        figure("re-import of the same villages (changes nothing): %d ms, unchanged %d", ms(started),
                again.jsonPath().getLong("unchanged"));

        started = System.nanoTime();
        long pending = pendingOutbox();
        while (pending > 0 && ms(started) < 600_000) {
            Thread.sleep(500);
            pending = pendingOutbox();
        }
        figure("outbox relay: region events published to Kafka at %d events/s (pending at end: %d)",
                (villageRows * 2 + divisions) * 1000 / Math.max(1, ms(started) + villageMs), pending);

        byte[] facilities = facilities();
        started = System.nanoTime();
        Response facilityImport = given().header("Authorization", Tokens.admin())
                .contentType("text/csv; charset=UTF-8").body(facilities)
                .post("/api/v1/facilities/import");
        long facilityMs = ms(started);
        facilityImport.then().statusCode(200);
        figure("import of %d facilities in one request: %d ms = %d rows/s", FACILITIES, facilityMs,
                FACILITIES * 1000L / facilityMs);

        long henanVillages = count("select count(*) from region where level = 5 and code like '41%'");
        List<Long> coverage = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            given().header("Authorization", Tokens.viewer())
                    .queryParam("region", "41").queryParam("type", "children-home").queryParam("level", "village")
                    .get("/api/v1/coverage").then().statusCode(200);
            coverage.add(ms(t));
        }
        figure("coverage of children-home in 河南省 (%d villages, per-city breakdown, first page of uncovered): median %d ms, max %d ms",
                henanVillages, median(coverage), Collections.max(coverage));

        List<Long> county = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long t = System.nanoTime();
            given().header("Authorization", Tokens.viewer())
                    .queryParam("region", "410182").queryParam("type", "children-home").queryParam("level", "village")
                    .get("/api/v1/coverage").then().statusCode(200);
            county.add(ms(t));
        }
        figure("coverage of children-home in 荥阳市 (%d villages): median %d ms",
                count("select count(*) from region where level = 5 and code like '410182%'"), median(county));

        List<Long> near = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            Response r = given().header("Authorization", Tokens.viewer())
                    .queryParam("near", "34.75,113.62,5000").queryParam("size", 50)
                    .get("/api/v1/facilities");
            r.then().statusCode(200);
            near.add(ms(t));
            found = r.jsonPath().getInt("total");
        }
        figure("near search 5 km around 郑州 over %d facilities (%d found, first 50 sorted by distance): median %d ms, max %d ms",
                count("select count(*) from facility"), found, median(near), Collections.max(near));
        figure("near search plan: %s", explainNear());

        Path out = Path.of("target/benchmark-figures.txt");
        Files.write(out, figures, StandardCharsets.UTF_8);
    }

    private Response importCsv(byte[] csv, boolean generated) {
        Response response = given().header("Authorization", Tokens.admin()).contentType("text/csv; charset=UTF-8")
                .queryParam("generated", generated).body(csv).post("/api/v1/regions/import");
        response.then().statusCode(200);
        return response;
    }

    /** Villages under every real township; 河南省 gets more, to reach the ~50,000 of a large province. */
    private static byte[] generatedVillages() throws IOException {
        StringBuilder csv = new StringBuilder(50_000_000).append("code,name,parentCode,urbanRuralCode\n");
        List<String> lines = Files.readAllLines(SharedData.divisions("streets.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String township = line.substring(0, line.indexOf(','));
            if (township.endsWith("000")) {
                continue; // 金门县 repeats itself in streets.csv
            }
            String name = line.split(",")[1].replace("\"", "");
            int n = township.startsWith("41") ? VILLAGES_PER_HENAN_TOWNSHIP : VILLAGES_PER_TOWNSHIP;
            for (int v = 1; v <= n; v++) {
                csv.append(township).append(200 + v).append(',').append(name).append("第").append(v).append("村,")
                        .append(township).append(",220\n");
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** 儿童之家 in 80% of 河南's villages, the rest spread over other types and provinces, around real places. */
    private byte[] facilities() throws Exception {
        Random random = new Random(42);
        StringBuilder csv = new StringBuilder("externalId,type,name,regionCode,lat,lng,status,checklist.venue,"
                + "checklist.equipment,checklist.rules,checklist.staff,checklist.funding\n");
        List<String> henan = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select code from region where level = 5 order by code")) {
            while (rs.next()) {
                (rs.getString(1).startsWith("41") ? henan : others).add(rs.getString(1));
            }
        }
        int written = 0;
        for (String village : henan) {
            if (written == FACILITIES || random.nextDouble() >= 0.8) {
                continue;
            }
            double lat = 31.4 + random.nextDouble() * 5.0;
            double lng = 110.4 + random.nextDouble() * 6.2;
            boolean complete = random.nextDouble() < 0.9;
            csv.append("bench-").append(written).append(",children-home,").append(village).append("儿童之家,")
                    .append(village).append(',').append(String.format("%.5f,%.5f", lat, lng)).append(",open,true,true,true,true,")
                    .append(complete).append('\n');
            written++;
        }
        while (written < FACILITIES) {
            String village = others.get(random.nextInt(others.size()));
            double lat = 22 + random.nextDouble() * 18;
            double lng = 100 + random.nextDouble() * 20;
            csv.append("bench-").append(written).append(",children-home,").append(village).append("儿童之家,")
                    .append(village).append(',').append(String.format("%.5f,%.5f", lat, lng)).append(",open,true,true,true,true,true\n");
            written++;
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String explainNear() throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain select id from facility where public.earth_box(facility_geo_point(34.75, 113.62), 5000) "
                     + "@> facility_geo_point(lat, lng)")) {
            while (rs.next()) {
                plan.append(rs.getString(1).strip()).append(" | ");
            }
        }
        return plan.toString();
    }

    private long pendingOutbox() throws Exception {
        return count("select count(*) from outbox_event where published_at is null");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void figure(String format, Object... args) {
        String line = String.format(format, args);
        figures.add(line);
        System.out.println("[benchmark] " + line);
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static long countLines(byte[] bytes) {
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
