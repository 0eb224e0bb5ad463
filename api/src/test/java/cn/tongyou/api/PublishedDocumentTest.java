package cn.tongyou.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document the build publishes (target/openapi/tongyou-api.json, merged in process-classes) is one a generated
 * client can rely on. Each test lists every offence, so one run shows all that is left to fix.
 */
class PublishedDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        document = new ObjectMapper().readTree(new File("target/openapi/tongyou-api.json"));
    }

    @Test
    void everyOperationHasAStableUniqueVerbLikeId() {
        List<String> offences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        forEachOperation((where, op) -> {
            String id = op.path("operationId").asText("");
            if (!id.matches("[a-z]+[A-Z][A-Za-z0-9]*")) {
                offences.add(where + ": operationId '" + id + "' is not a camelCase verb phrase");
            }
            if (!seen.add(id)) {
                offences.add(where + ": operationId " + id + " used twice");
            }
        });
        assertThat(offences).isEmpty();
        assertThat(seen).contains("getRegion", "listFacilities", "approveObservation", "getCompliance", "getSnapshot");
    }

    @Test
    void schemaNamesSayWhatTheyHoldNotWhereTheyCameInOrder() {
        List<String> names = new ArrayList<>();
        document.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
        assertThat(names).noneMatch(n -> n.matches("Page\\d*"))
                .contains("RegionPage", "FacilityPage", "Problem", "Violation");
    }

    @Test
    void everyOperationDocumentsItsProblems() {
        List<String> offences = new ArrayList<>();
        forEachOperation((where, op) -> {
            for (String status : List.of("400", "401", "403", "500")) {
                JsonNode schema = op.path("responses").path(status).path("content").path("application/problem+json")
                        .path("schema");
                if (!"#/components/schemas/Problem".equals(schema.path("$ref").asText())) {
                    offences.add(where + " " + status);
                }
            }
            if (where.contains("{") && !op.path("responses").has("404")) {
                offences.add(where + " 404");
            }
        });
        assertThat(offences).isEmpty();
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("violations")).isTrue();
    }

    @Test
    void everyAnswerIsTyped() {
        List<String> offences = new ArrayList<>();
        forEachOperation((where, op) -> op.path("responses").fields().forEachRemaining(response -> {
            response.getValue().path("headers").fields().forEachRemaining(header -> {
                if (!header.getValue().has("schema") && !header.getValue().has("$ref")) {
                    offences.add(where + " " + response.getKey() + ": header " + header.getKey() + " has no schema");
                }
            });
            response.getValue().path("content").fields().forEachRemaining(media -> {
                JsonNode schema = media.getValue().path("schema");
                if (schema.isMissingNode() || schema.isEmpty()) {
                    offences.add(where + " " + response.getKey() + " " + media.getKey() + ": no schema");
                } else if (!media.getKey().contains("json")
                        && !("string".equals(schema.path("type").asText()) && "binary".equals(schema.path("format").asText()))) {
                    offences.add(where + " " + response.getKey() + " " + media.getKey() + ": a download is not string/binary");
                }
            });
        }));
        assertThat(offences).isEmpty();
    }

    @Test
    void whatAnAnswerMaySendAsNullSaysSoAndWhatItAlwaysSendsIsRequired() {
        JsonNode schemas = document.path("components").path("schemas");
        // the properties a strict validator found null where the documents said string (issue 11)
        for (String property : List.of("Region.urbanRuralCode", "Region.validTo", "Region.validFrom", "Region.ancestors",
                "Region.childCount", "EvaluationIndicator.unit", "Facility.certificationLevel", "Compliance.snapshotId")) {
            String[] p = property.split("\\.");
            JsonNode schema = schemas.path(p[0]).path("properties").path(p[1]);
            assertThat(allowsNull(schema)).as(property).isTrue();
        }
        assertThat(schemas.path("Region").path("required")).extracting(JsonNode::asText)
                .contains("code", "name", "level", "urbanRuralCode", "validTo");
        assertThat(allowsNull(schemas.path("Region").path("properties").path("code"))).isFalse();
        // left out when null (@JsonInclude(NON_NULL)): optional, never null
        assertThat(schemas.path("Facility").path("required")).extracting(JsonNode::asText)
                .contains("id", "certificationLevel").doesNotContain("distanceMeters");
        assertThat(allowsNull(schemas.path("Facility").path("properties").path("distanceMeters"))).isFalse();
    }

    private static boolean allowsNull(JsonNode schema) {
        for (JsonNode type : schema.path("type")) {
            if (type.asText().equals("null")) {
                return true;
            }
        }
        for (JsonNode option : schema.path("anyOf")) {
            if (option.path("type").asText().equals("null")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void oneInfoWithVersionAndContactAndTheServers() {
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        assertThat(document.path("info").path("contact").path("name").asText()).isNotBlank();
        assertThat(document.path("servers")).isNotEmpty();
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> check) {
        document.path("paths").fields().forEachRemaining((Map.Entry<String, JsonNode> path) ->
                path.getValue().fields().forEachRemaining(op -> {
                    if (METHODS.contains(op.getKey())) {
                        check.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                }));
    }
}
