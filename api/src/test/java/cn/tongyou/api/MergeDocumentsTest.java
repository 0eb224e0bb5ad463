package cn.tongyou.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MergeDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTERNAL = List.of("/api/v1/audit");

    @Test
    void oneDocumentWithEveryServicesOperationsAndOneCopyOfWhatTheyShare() throws Exception {
        ObjectNode merged = MergeDocuments.merge(List.of(
                source("facility-service", "http://localhost:8081", """
                        {"openapi":"3.1.0","info":{"title":"f","version":"1","contact":{"name":"team"}},
                         "paths":{"/api/v1/regions/{code}":{"get":{"operationId":"getRegion","responses":{
                             "200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Region"}}}},
                             "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
                          "/api/v1/audit":{"get":{"operationId":"listAuditRecords","responses":{"200":{"content":{
                             "application/json":{"schema":{"$ref":"#/components/schemas/AuditRecord"}}}}}}}},
                         "components":{"schemas":{"Region":{"type":"object"},"Problem":{"type":"object"},
                             "AuditRecord":{"type":"object"}}}}"""),
                source("task-service", "http://localhost:8083", """
                        {"openapi":"3.1.0","info":{"title":"t","version":"1","contact":{"name":"team"}},
                         "paths":{"/api/v1/plans":{"get":{"operationId":"listPlans","responses":{
                             "400":{"content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
                          "/api/v1/audit":{"get":{"operationId":"listAuditRecords","responses":{}}}},
                         "components":{"schemas":{"Problem":{"type":"object"},"Unused":{"type":"string"}}}}""")),
                "0.1.0", "https://tongyou.example.com", INTERNAL);

        assertThat(merged.path("info").path("version").asText()).isEqualTo("0.1.0");
        assertThat(merged.path("info").path("contact").path("name").asText()).isEqualTo("team");
        assertThat(merged.path("servers").get(0).path("url").asText()).isEqualTo("https://tongyou.example.com");
        assertThat(fieldNames(merged.path("paths"))).containsExactly("/api/v1/plans", "/api/v1/regions/{code}");
        JsonNode regionServers = merged.path("paths").path("/api/v1/regions/{code}").path("servers");
        assertThat(regionServers.get(1).path("url").asText()).isEqualTo("http://localhost:8081");
        assertThat(regionServers.get(1).path("description").asText()).contains("facility-service");
        // the audit trail is each service's own; what only it used goes with it, and so does what nothing uses
        assertThat(fieldNames(merged.path("components").path("schemas"))).containsExactly("Problem", "Region");
    }

    @Test
    void anOperationWithoutAnIdOrAnIdUsedTwiceIsRefused() {
        assertThatThrownBy(() -> MergeDocuments.merge(List.of(
                source("facility-service", "http://localhost:8081", """
                        {"openapi":"3.1.0","info":{"contact":{}},"paths":{
                          "/api/v1/regions":{"get":{"operationId":"list","responses":{}}},
                          "/api/v1/facilities":{"post":{"responses":{}}}}}"""),
                source("task-service", "http://localhost:8083", """
                        {"openapi":"3.1.0","info":{"contact":{}},"paths":{
                          "/api/v1/plans":{"get":{"operationId":"list","responses":{}}}}}""")),
                "1", "https://h", INTERNAL))
                .isInstanceOf(MergeDocuments.MergeException.class)
                .hasMessageContaining("POST /api/v1/facilities (facility-service) has no operationId")
                .hasMessageContaining("operationId list is used by both GET /api/v1/regions (facility-service) and "
                        + "GET /api/v1/plans (task-service)");
    }

    @Test
    void aComponentNameTwoServicesDefineDifferentlyOrAPathBothServeIsRefused() {
        assertThatThrownBy(() -> MergeDocuments.merge(List.of(
                source("facility-service", "http://localhost:8081", """
                        {"openapi":"3.1.0","info":{"contact":{}},"paths":{
                          "/api/v1/x":{"get":{"operationId":"a","responses":{"200":{"content":{"application/json":{
                             "schema":{"$ref":"#/components/schemas/ChildCoverage"}}}}}}}},
                         "components":{"schemas":{"ChildCoverage":{"type":"object","properties":{"code":{"type":"string"}}}}}}"""),
                source("reporting-service", "http://localhost:8084", """
                        {"openapi":"3.1.0","info":{"contact":{}},"paths":{
                          "/api/v1/x":{"get":{"operationId":"b","responses":{}}},
                          "/api/v1/compliance":{"get":{"operationId":"c","responses":{"200":{"content":{"application/json":{
                             "schema":{"$ref":"#/components/schemas/ChildCoverage"}}}}}}}},
                         "components":{"schemas":{"ChildCoverage":{"type":"object"}}}}""")),
                "1", "https://h", INTERNAL))
                .isInstanceOf(MergeDocuments.MergeException.class)
                .hasMessageContaining("components/schemas/ChildCoverage differs between facility-service and reporting-service")
                .hasMessageContaining("path /api/v1/x is served by both facility-service and reporting-service");
    }

    private static MergeDocuments.Source source(String name, String url, String json) {
        try {
            return new MergeDocuments.Source(name, JSON.readTree(json), url);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
