package cn.tongyou.indicator.api;

/** Texts shared by the OpenAPI annotations of the resources. */
final class ApiDocs {
    /** Public data: the catalogue, targets, approved values. */
    static final String READERS_NOTE = "Public to every authenticated caller: roles viewer, reporter, coordinator, admin, integration, "
            + "with or without a region claim.";
    /** Scoped data: values not yet approved, their history, bulk logs. */
    static final String SCOPED_NOTE = "Roles viewer, reporter, coordinator, admin, integration, within the token's region subtree: "
            + "values not yet approved (draft, submitted, returned) and their history are scoped; a list defaults to the token's "
            + "region, a region outside it is 403 (also for a token without a region claim).";

    private ApiDocs() {
    }
}
