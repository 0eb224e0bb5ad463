package cn.tongyou.facility.service;

import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.ChecklistItem;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming row readers of the bulk import, without a server: line numbers, cell parsing, header checks. */
class FacilityImportCsvTest {

    static final FacilityType CHILDREN_HOME = new FacilityType("children-home", "儿童之家", null, null, true, RegionLevel.VILLAGE,
            List.of(new ChecklistItem("venue", "有场所", null, FacilityValueType.BOOLEAN, true, null, null, null)),
            List.of(), null, null, "", 1);

    static List<FacilityImportRows.Row> readCsv(String csv) throws IOException {
        List<FacilityImportRows.Row> rows = new ArrayList<>();
        try (FacilityImportRows.Source source = FacilityImportRows.csv(new StringReader(csv),
                code -> code.equals("children-home") ? Optional.of(CHILDREN_HOME) : Optional.empty())) {
            for (FacilityImportRows.Row row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void theHeaderIsLineOneAndBlankOrMultiLineRecordsKeepTheCount() throws IOException {
        String csv = "\uFEFFexternalId,type,name,regionCode,status,lat,lng,checklist.venue,attr.areaM2\n"
                + "A1,children-home,陈沟村儿童之家,410182101201,open,34.85,113.35,是,60\n"
                + "\n"
                + "A2,children-home,\"两行\n名字\",410182101202,open,,,否,\n"
                + "A3,children-home,坏坐标,410182101203,open,north,113.3,maybe,\n"
                + "A4,children-home,last line without newline,410182101204,planned,,,,";
        List<FacilityImportRows.Row> rows = readCsv(csv);
        assertThat(rows).extracting(FacilityImportRows.Row::line).containsExactly(2L, 4L, 6L, 7L);
        FacilityInput first = rows.get(0).input();
        assertThat(first.externalId()).isEqualTo("A1");
        assertThat(first.location()).isEqualTo(new FacilityLocation(34.85, 113.35));
        assertThat(first.checklist()).containsEntry("venue", true);
        assertThat(first.attributes()).containsEntry("areaM2", "60");
        assertThat(rows.get(1).input().name()).isEqualTo("两行\n名字");
        assertThat(rows.get(1).input().location()).isNull();
        assertThat(rows.get(1).input().checklist()).containsEntry("venue", false);
        assertThat(rows.get(2).errors()).extracting(Issue::field).containsExactly("lat", "checklist.venue");
        assertThat(rows.get(3).input().status()).isEqualTo("planned");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsAnError() throws IOException {
        List<FacilityImportRows.Row> rows = readCsv("type,name,regionCode,status\nchildren-home,x,410182101201\n");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.input()).isNull();
            assertThat(row.errors()).extracting(Issue::text).containsExactly("has 3 values but the header has 4 columns");
        });
    }

    @Test
    void aBadHeaderRejectsTheFile() {
        assertThatThrownBy(() -> readCsv("type,name,regionCode,colour\n"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("unknown column 'colour'")
                .hasMessageContaining("column 'status' is missing");
        assertThatThrownBy(() -> readCsv("")).isInstanceOf(ProblemException.class).hasMessageContaining("empty");
    }

    @Test
    void jsonElementsAreNumberedFromOneAndReadOneByOne() throws IOException {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // as the service's mapper
        String json = "[{\"type\":\"children-home\",\"name\":\"a\"}, {\"type\":\"x\",\"colour\":\"red\"}, 7,"
                + " {\"type\":\"x\",\"location\":{\"lat\":\"north\"}}]";
        List<FacilityImportRows.Row> rows = new ArrayList<>();
        try (FacilityImportRows.Source source = FacilityImportRows.json(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), mapper)) {
            for (FacilityImportRows.Row row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
        }
        assertThat(rows).extracting(FacilityImportRows.Row::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.get(0).errors()).isEmpty();
        assertThat(rows.get(1).errors()).singleElement().extracting(Issue::field, Issue::text).containsExactly("colour", "unknown field");
        assertThat(rows.get(2).errors()).singleElement().extracting(Issue::text).asString().contains("JSON object");
        assertThat(rows.get(3).errors()).singleElement().extracting(Issue::field).isEqualTo("location.lat");
    }

    @Test
    void malformedJsonRejectsTheRequest() {
        ObjectMapper mapper = new ObjectMapper();
        assertThatThrownBy(() -> {
            try (FacilityImportRows.Source source = FacilityImportRows.json(
                    new ByteArrayInputStream("[{\"type\": }]".getBytes(StandardCharsets.UTF_8)), mapper)) {
                source.next();
            }
        }).isInstanceOf(ProblemException.class).hasMessageContaining("malformed JSON in element 1");
        assertThatThrownBy(() -> FacilityImportRows.json(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), mapper))
                .isInstanceOf(ProblemException.class).hasMessageContaining("JSON array");
    }
}
