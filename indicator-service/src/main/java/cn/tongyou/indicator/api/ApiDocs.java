package cn.tongyou.indicator.api;

/** Texts shared by the OpenAPI annotations of the resources. */
final class ApiDocs {
    static final String READERS_NOTE = "Roles viewer, reporter, coordinator, admin, integration.";

    private ApiDocs() {
    }
}
