package cn.tongyou.common.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationMatrixTest {

    private static final String HEADER = "| operation | viewer | reporter | coordinator | admin | integration |";

    @Test
    void readsAReadableTable() {
        var rows = AuthorizationMatrix.parse(List.of("# facility-service", "", HEADER, "|---|---|---|---|---|---|",
                "| `DELETE /api/v1/facilities/{id}` | 403 403 403 | 403 403 403 403 | ok ok 403 | ok ok 403 | 403 403 403 |"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).operation()).isEqualTo("DELETE /api/v1/facilities/{id}");
        assertThat(rows.get(0).cells().get("coordinator")).containsExactly("ok", "ok", "403");
    }

    @Test
    void refusesACellWithTheWrongNumberOfPlacesOrAnUnknownOutcome() {
        assertThatThrownBy(() -> AuthorizationMatrix.parse(List.of(HEADER,
                "| GET /x | ok ok | ok ok ok ok | ok ok ok | ok ok ok | ok ok ok |")))
                .hasMessageContaining("GET /x / viewer");
        assertThatThrownBy(() -> AuthorizationMatrix.parse(List.of(HEADER,
                "| GET /x | ok ok ok | ok ok ok | ok ok ok | ok ok ok | ok ok ok |")))
                .hasMessageContaining("reporter");
        assertThatThrownBy(() -> AuthorizationMatrix.parse(List.of(HEADER,
                "| GET /x | ok ok 401 | ok ok ok ok | ok ok ok | ok ok ok | ok ok ok |")))
                .hasMessageContaining("401");
    }

    @Test
    void refusesATableWithoutTheRoleColumns() {
        assertThatThrownBy(() -> AuthorizationMatrix.parse(List.of("| operation | viewer |", "| GET /x | ok ok ok |")))
                .hasMessageContaining("header");
    }

    @Test
    void listsTheOperationsOfAnOpenApiDocumentWithoutQuarkusEndpoints() {
        String doc = """
                {"paths": {"/api/v1/a": {"get": {}, "post": {}, "parameters": []},
                           "/api/v1/a/{id}": {"delete": {}}, "/q/health": {"get": {}}}}""";
        assertThat(AuthorizationMatrix.operations(doc))
                .containsExactly("DELETE /api/v1/a/{id}", "GET /api/v1/a", "POST /api/v1/a");
    }
}
