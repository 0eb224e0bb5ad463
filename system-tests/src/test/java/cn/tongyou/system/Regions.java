package cn.tongyou.system;

import cn.tongyou.local.testing.SharedData;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Regions loaded as an operator loads them into facility-service: the rows of the official NBS tables
 * ({@code ../shared/data/divisions}) each in its own format, and villages — not in those tables — as the generic
 * {@code code,name,parentCode,urbanRuralCode} CSV.
 */
final class Regions {

    private Regions() {
    }

    /** The county's province, prefecture, the county itself and all its townships; returns the townships' codes. */
    static List<String> importCounty(String county) {
        importRows("provinces.csv", county.substring(0, 2) + ",");
        importRows("cities.csv", county.substring(0, 4) + ",");
        importRows("areas.csv", county + ",");
        List<String> townships = importRows("streets.csv", county);
        assertThat(townships).as("townships of %s in streets.csv", county).isNotEmpty();
        return townships.stream().map(line -> line.substring(0, line.indexOf(','))).toList();
    }

    /** Generic CSV rows ({@code code,name,parentCode,urbanRuralCode}), header included. */
    static JsonPath importGeneric(String csv) {
        return Http.csv(Http.admin(), Platform.FACILITY, csv)
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("rejected", equalTo(0))
                .extract().jsonPath();
    }

    /** The header and the rows starting with {@code prefix} of one official table, imported as they are. */
    private static List<String> importRows(String table, String prefix) {
        List<String> lines;
        try {
            lines = Files.readAllLines(SharedData.divisions(table), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> rows = lines.stream().skip(1).filter(l -> l.startsWith(prefix)).toList();
        assertThat(rows).as("rows of %s starting with %s", table, prefix).isNotEmpty();
        Http.csv(Http.admin(), Platform.FACILITY, lines.get(0) + "\n" + String.join("\n", rows) + "\n")
                .post("/api/v1/regions/import")
                .then().statusCode(200).body("rejected", equalTo(0));
        return rows;
    }
}
