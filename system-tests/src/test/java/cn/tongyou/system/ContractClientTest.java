package cn.tongyou.system;

import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static cn.tongyou.system.Platform.FACILITY;
import static cn.tongyou.system.Platform.INDICATOR;
import static cn.tongyou.system.Platform.REPORTING;
import static cn.tongyou.system.Platform.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * 新华区 (410402, 平顶山市) as a frontend team's first dashboard sees it through the TypeScript client generated from
 * the merged OpenAPI document ({@code api/src/client-script/contract-walk.ts}, compiled with the client under
 * {@code tsc --strict} by the api module): the walk runs in Node against the four running services and reads the
 * region, the 儿童之家 near a point, their coverage, the evaluations, the units sorted by who is behind, the live
 * compliance, takes a snapshot and downloads its workbook, and files a value that a second person of the office
 * approves with {@code If-Match} from the {@code ETag}. This test lays the county's data, runs the walk and checks what it
 * printed against the platform's own answers; its own requests are validated against the document like every other
 * system test's ({@link ContractValidation}).
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ContractClientTest {

    static final String REGION = "410402";
    static final String VILLAGES = """
            code,name,parentCode,urbanRuralCode
            410402001001,曙北社区居民委员会,410402001,111
            410402001002,曙南社区居民委员会,410402001,111
            410402001201,李庄村村民委员会,410402001,220
            """;
    /** The search point of the walk: the first 儿童之家 stands on it, the second ≈ 2.2 km away, both within 5 km. */
    static final String NEAR = "33.7400,113.2900,5000";
    static final Duration WALK_TIMEOUT = Duration.ofSeconds(120);
    /** The snapshot's workbook as the generated client received it. */
    static final Path WORKBOOK = Path.of("target", "logs", "contract-walk-snapshot.xlsx").toAbsolutePath();
    /** The one part fastexcel stamps with the moment of rendering ({@code dcterms:created}, to the millisecond). */
    static final String CORE_PROPERTIES = "docProps/core.xml";
    static final Pattern MERGED_RANGES = Pattern.compile("<mergeCells>(.*?)</mergeCells>");

    @Test
    void theGeneratedClientWalksTheDashboardAndTheFourEyesApproval() throws Exception {
        Platform platform = Platform.get();
        String coordinator = Http.coordinator(REGION);
        Regions.importCounty(REGION);
        Regions.importGeneric(VILLAGES);
        registerChildrenHome(coordinator, "410402001001", "曙北社区儿童之家", 33.7400, 113.2900);
        registerChildrenHome(coordinator, "410402001201", "李庄村儿童之家", 33.7500, 113.3100);

        // 新华区's development plan: its targets (5岁以下儿童死亡率 ≤ 5‰ in 2025 among them) and its tasks, which name no
        // lead unit; the office adds two tasks that do, one of them with a milestone long overdue
        String plan = SharedData.readCatalogue("003_");
        Http.as(coordinator, INDICATOR).body(plan).post("/api/v1/catalog/import").then().statusCode(200);
        Http.as(coordinator, TASK).body(plan).post("/api/v1/plans/import").then().statusCode(200);
        String planId = Http.as(coordinator, TASK).queryParam("region", REGION).get("/api/v1/plans").then()
                .statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");
        addTaskWithMilestone(coordinator, planId, "契约-1", "区教育体育局", "2025-06-30");
        addTaskWithMilestone(coordinator, planId, "契约-2", "区卫生健康委", "2030-06-30");
        platform.awaitCaughtUp();

        Walk walk = runWalk(Map.of(
                "CFC_FACILITY_URL", platform.url(FACILITY),
                "CFC_INDICATOR_URL", platform.url(INDICATOR),
                "CFC_TASK_URL", platform.url(TASK),
                "CFC_REPORTING_URL", platform.url(REPORTING),
                "CFC_TOKEN", coordinator,
                "CFC_REVIEWER_TOKEN", Http.secondCoordinator(REGION),
                "CFC_REGION", REGION,
                "CFC_NEAR", NEAR,
                "CFC_INDICATOR", "under-5-mortality-rate",
                "CFC_XLSX_OUT", WORKBOOK.toString()));
        assertThat(walk.exitCode).as("the walk's exit code; its output:%n%s", walk.output).isZero();
        Map<String, String> step = walk.steps();

        // what the walk read is what the services answer this test for the same questions (and validate, like every
        // response here, against the document) and what the county's data makes it
        JsonPath county = Http.as(coordinator, FACILITY).get("/api/v1/regions/" + REGION).then().statusCode(200)
                .extract().jsonPath();
        assertThat(step.get("region")).isEqualTo("410402000000 新华区 county children=11")
                .isEqualTo(county.getString("code") + " " + county.getString("name") + " " + county.getString("level")
                        + " children=" + county.getInt("childCount"));
        List<String> near = Http.as(coordinator, FACILITY).queryParam("near", NEAR).queryParam("type", "children-home")
                .queryParam("region", REGION).get("/api/v1/facilities").then().statusCode(200).extract().path("items.name");
        assertThat(near).containsExactly("曙北社区儿童之家", "李庄村儿童之家");
        assertThat(step.get("facilities-near")).isEqualTo("2 曙北社区儿童之家@0m 李庄村儿童之家");
        JsonPath coverage = Http.as(coordinator, FACILITY).queryParam("region", REGION).queryParam("type", "children-home")
                .get("/api/v1/coverage").then().statusCode(200).extract().jsonPath();
        assertThat(step.get("coverage")).isEqualTo("children-home eligible=3 covered=2")
                .isEqualTo("children-home eligible=" + coverage.getInt("eligible") + " covered=" + coverage.getInt("covered"));
        JsonPath units = Http.as(coordinator, TASK).queryParam("region", REGION).queryParam("period", "2025H2")
                .queryParam("sort", "behind").get("/api/v1/units").then().statusCode(200).extract().jsonPath();
        assertThat(units.getString("items[0].name")).isEqualTo("区教育体育局");
        assertThat(step.get("units-behind")).isEqualTo("区教育体育局 overdue=1")
                .isEqualTo(units.getString("items[0].name") + " overdue="
                        + units.getInt("items[0].accountability.milestonesOverdue"));

        // the evaluation and the compliance the walk read are the ones the services give this test
        JsonPath evaluations = Http.as(coordinator, INDICATOR).queryParam("region", REGION).queryParam("year", 2025)
                .get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath();
        assertThat(step.get("evaluations")).isEqualTo("2025 items=" + evaluations.getList("items").size());
        JsonPath compliance = Http.as(coordinator, REPORTING).queryParam("region", REGION).queryParam("period", "2025")
                .get("/api/v1/compliance").then().statusCode(200).extract().jsonPath();
        assertThat(step.get("compliance")).isEqualTo("2025 targets=" + compliance.getList("targets").size()
                + " milestones=" + compliance.getList("milestones").size());

        // the workbook through the generated client is the one a direct download gives: saved as it arrived, part by
        // part byte-identical (the ZIP's entry times and the creation time in docProps/core.xml are the moment each
        // download was rendered); a client that read it as text would not even deliver a readable ZIP
        String snapshotId = step.get("snapshot");
        byte[] viaClient = Files.readAllBytes(WORKBOOK);
        assertThat(step.get("snapshot-xlsx")).isEqualTo("sha256=" + sha256(viaClient) + " bytes=" + viaClient.length);
        byte[] direct = Http.as(coordinator, REPORTING).accept("*/*").queryParam("format", "xlsx")
                .get("/api/v1/snapshots/" + snapshotId).then().statusCode(200).extract().asByteArray();
        Path directFile = WORKBOOK.resolveSibling("contract-direct-download.xlsx");
        Files.write(directFile, direct);
        Map<String, byte[]> clientParts = parts(WORKBOOK);
        Map<String, byte[]> directParts = parts(directFile);
        assertThat(clientParts.keySet()).contains("xl/workbook.xml", CORE_PROPERTIES)
                .containsExactlyElementsOf(directParts.keySet());
        clientParts.forEach((name, bytes) -> assertThat(normalised(name, bytes)).as(name)
                .isEqualTo(normalised(name, directParts.get(name))));

        // filed by the office, approved by a second person of it with the version the first answer carried
        String observationId = step.get("observation").split(" ")[0];
        Http.as(coordinator, INDICATOR).get("/api/v1/observations/" + observationId).then().statusCode(200)
                .body("status", equalTo("approved")).body("indicatorCode", equalTo("under-5-mortality-rate"))
                .body("regionCode", equalTo(REGION + "000000"));
        assertThat(step.get("observation")).isEqualTo(observationId + " submitted→approved");
        assertThat(step.get("stale-if-match")).isEqualTo("412 application/problem+json");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void registerChildrenHome(String token, String village, String name, double lat, double lng) {
        Http.as(token, FACILITY).body("""
                        {"type":"children-home","name":"%s","regionCode":"%s","location":{"lat":%s,"lng":%s},
                         "status":"open","openedOn":"2024-06-01",
                         "checklist":{"venue":true,"equipment":true,"rules":true,"staff":true,"funding":true}}
                        """.formatted(name, village, lat, lng))
                .post("/api/v1/facilities")
                .then().statusCode(201).body("meetsStandard", equalTo(true));
    }

    private static void addTaskWithMilestone(String token, String planId, String number, String unit, String due) {
        String taskId = Http.as(token, TASK).body("""
                        {"number":"%s","domain":"儿童与教育","title":"校园周边交通安全改造","leadUnits":["%s"]}
                        """.formatted(number, unit))
                .post("/api/v1/plans/" + planId + "/tasks").then().statusCode(201).extract().path("id");
        Http.as(token, TASK).body("""
                        {"dueDate":"%s","statement":"完成中小学校周边交通安全设施改造","comparator":"qualitative"}
                        """.formatted(due))
                .post("/api/v1/tasks/" + taskId + "/milestones").then().statusCode(201);
    }

    /** The compiled walk, run by the machine's Node with the given environment. */
    private static Walk runWalk(Map<String, String> environment) throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("cfc.repo.dir", "..")).toAbsolutePath().normalize();
        Path script = repo.resolve("api/target/client-js/src/client-script/contract-walk.js");
        assertThat(script).as("the compiled walk: build the api module first").isRegularFile();
        // to a file, not a pipe: a walk that hangs must not block the test beyond its timeout
        Path log = Path.of("target", "logs", "contract-walk.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", script.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        Process node = pb.start();
        if (!node.waitFor(WALK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the walk did not end within " + WALK_TIMEOUT.toSeconds() + " s: "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        return new Walk(node.exitValue(), output);
    }

    /**
     * The parts of an XLSX (a ZIP), by name, in their order, uncompressed: read through the central directory, as a
     * spreadsheet program reads it (the writer streams its entries with sizes only after the data).
     */
    private static Map<String, byte[]> parts(Path xlsx) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    parts.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return parts;
    }

    /**
     * A part as two renderings of the same snapshot agree on it: fastexcel stamps docProps/core.xml with the moment of
     * rendering and writes a sheet's merged ranges in hash-set order; everything else must be the same byte for byte.
     */
    private static String normalised(String part, byte[] bytes) {
        String xml = new String(bytes, StandardCharsets.UTF_8);
        if (part.equals(CORE_PROPERTIES)) {
            return xml.replaceAll("<dcterms:created[^>]*>[^<]*</dcterms:created>", "");
        }
        Matcher merged = MERGED_RANGES.matcher(xml);
        if (!merged.find()) {
            return xml;
        }
        List<String> ranges = new ArrayList<>(List.of(merged.group(1).split("(?=<mergeCell )")));
        Collections.sort(ranges);
        return xml.substring(0, merged.start(1)) + String.join("", ranges) + xml.substring(merged.end(1));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** What the walk printed: one {@code step: result} line per step. */
    private record Walk(int exitCode, String output) {
        Map<String, String> steps() {
            Map<String, String> steps = new LinkedHashMap<>();
            List<String> unparsed = new ArrayList<>();
            for (String line : output.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    steps.put(line.substring(0, colon), line.substring(colon + 2).strip());
                } else if (!line.isBlank()) {
                    unparsed.add(line);
                }
            }
            assertThat(unparsed).as("lines of the walk that are no step").isEmpty();
            return steps;
        }
    }
}
