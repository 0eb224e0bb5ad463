package cn.tongyou.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformOpenApiFilterTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final PlatformOpenApiFilter filter = new PlatformOpenApiFilter(new PlatformOpenApiFilter.Settings(
            "1.2.3", "童友 platform team", null, "https://tongyou.cn", List.of("http://localhost:8081"),
            List.of("Region.parent"), List.of("Facility.checklist"), List.of(), List.of()));

    @Test
    void everyOperationDocumentsTheProblemsItsShapeAllows() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        assertThat(statuses(api, "/api/v1/regions", PathItem.HttpMethod.GET))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "500");
        assertThat(statuses(api, "/api/v1/regions/{code}", PathItem.HttpMethod.GET))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "500");
        assertThat(statuses(api, "/api/v1/facilities/{id}", PathItem.HttpMethod.PUT))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409", "412", "413", "415", "422", "428", "500");
        assertThat(statuses(api, "/api/v1/compliance", PathItem.HttpMethod.GET))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "429", "500");

        APIResponse forbidden = response(api, "/api/v1/regions", PathItem.HttpMethod.GET, "403");
        assertThat(forbidden.getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
        APIResponse busy = response(api, "/api/v1/compliance", PathItem.HttpMethod.GET, "429");
        assertThat(busy.getHeaders().get("Retry-After").getRef()).isEqualTo("#/components/headers/Retry-After");
        assertThat(api.getComponents().getHeaders().get("Retry-After").getSchema().getType())
                .containsExactly(Schema.SchemaType.INTEGER);
    }

    @Test
    void aResponseTheServiceDescribedKeepsItsWordsAndGetsTheProblemBody() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        APIResponse conflict = response(api, "/api/v1/facilities/{id}", PathItem.HttpMethod.PUT, "409");
        assertThat(conflict.getDescription()).isEqualTo("the lifecycle forbids it");
        assertThat(conflict.getContent().getMediaType("application/problem+json").getSchema().getRef())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void everyResponseHeaderHasASchemaAndEveryResponseTheRequestId() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        APIResponse changed = response(api, "/api/v1/facilities/{id}", PathItem.HttpMethod.PUT, "200");
        assertThat(changed.getHeaders().get("ETag").getSchema().getType()).containsExactly(Schema.SchemaType.STRING);
        assertThat(changed.getHeaders().get("Idempotent-Replayed").getSchema().getType())
                .containsExactly(Schema.SchemaType.BOOLEAN);
        assertThat(changed.getHeaders().get("X-Request-Id").getRef()).isEqualTo("#/components/headers/X-Request-Id");
        assertThat(response(api, "/api/v1/regions", PathItem.HttpMethod.GET, "500").getHeaders())
                .containsKey("X-Request-Id");
        assertThat(PlatformOpenApiFilter.headerSchema("Location").getFormat()).isEqualTo("uri-reference");
        assertThat(PlatformOpenApiFilter.headerSchema("Content-Disposition").getType())
                .containsExactly(Schema.SchemaType.STRING);
    }

    @Test
    void pagesAreNamedAfterWhatTheyHoldAndEveryReferenceFollows() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        Map<String, Schema> schemas = api.getComponents().getSchemas();
        assertThat(schemas).containsKeys("RegionPage", "FacilityPage", "Region", "Facility")
                .doesNotContainKeys("Page", "Page1", "Page2");
        assertThat(schemas.get("RegionPage").getDescription()).isEqualTo("a page of Region with the total count");
        // the service's own FacilityPage is kept, and what pointed at the positional copy points at it
        assertThat(schemas.get("FacilityPage").getDescription()).isEqualTo("the service's own");
        assertThat(response(api, "/api/v1/regions", PathItem.HttpMethod.GET, "200").getContent()
                .getMediaType("application/json").getSchema().getRef()).isEqualTo("#/components/schemas/RegionPage");
        assertThat(schemas.get("Holder").getProperties().get("facilities").getRef())
                .isEqualTo("#/components/schemas/FacilityPage");
    }

    @Test
    void aDownloadIsBinarySoThatAClientKeepsItsBytes() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        var content = response(api, "/api/v1/compliance", PathItem.HttpMethod.GET, "200").getContent();
        Schema xlsx = content.getMediaType(XLSX).getSchema();
        assertThat(xlsx.getType()).containsExactly(Schema.SchemaType.STRING);
        assertThat(xlsx.getFormat()).isEqualTo("binary");
        assertThat(content.getMediaType("text/csv").getSchema().getFormat()).isEqualTo("binary");
        assertThat(content.getMediaType("application/json").getSchema().getRef()).isEqualTo("#/components/schemas/Holder");
    }

    @Test
    void whatAnAnswerAlwaysCarriesIsRequiredAndWhatMayBeNullSaysSo() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema region = schemas.get("Region");
        assertThat(region.getRequired()).containsExactly("code", "urbanRural", "validTo", "parent");
        assertThat(region.getProperties().get("validTo").getType())
                .containsExactlyInAnyOrder(Schema.SchemaType.STRING, Schema.SchemaType.NULL);
        // a nullable enumeration lists null, or a null answer fails validation against the enum
        assertThat(region.getProperties().get("urbanRural").getEnumeration()).containsExactly("urban", "rural", null);

        // left out when null: optional, and never null when present
        Schema facility = schemas.get("Facility");
        assertThat(facility.getRequired()).containsExactly("id");
        assertThat(facility.getProperties().get("checklist").getExtensions()).isNullOrEmpty();
        assertThat(facility.getProperties().get("distanceMeters").getType()).containsExactly(Schema.SchemaType.NUMBER);
        assertThat(facility.getProperties().get("distanceMeters").getExtensions()).isNullOrEmpty();

        // listed in cfc.openapi.nullable / omitted-when-null (records outside the api package)
        assertThat(region.getProperties().get("parent").getRef()).isNull();
        assertThat(region.getProperties().get("parent").getAnyOf()).extracting(Schema::getRef)
                .containsExactly("#/components/schemas/Region", null);
        assertThat(facility.getProperties().get("checklist").getType()).containsExactly(Schema.SchemaType.OBJECT);

        // a request body's schema keeps what its validation said
        assertThat(schemas.get("FacilityInput").getRequired()).containsExactly("name");
        assertThat(schemas.get("Problem").getRequired()).containsExactly("type", "title", "status");
    }

    @Test
    void rolesAreListedBesideTheBearerRequirementNotAsItsScopes() {
        OpenAPI api = document();
        Operation put = api.getPaths().getPathItem("/api/v1/facilities/{id}").getPUT();
        api.getComponents().addSecurityScheme("SecurityScheme", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("bearer"));
        put.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("SecurityScheme", List.of("reporter", "admin")));
        filter.filterOpenAPI(api);

        assertThat(put.getSecurity().get(0).getScheme("SecurityScheme")).isEmpty();
        assertThat(put.getExtensions().get(PlatformOpenApiFilter.ROLES)).isEqualTo(List.of("reporter", "admin"));
    }

    /** What typescript-fetch needs to compile a value that is a number, yes/no or text (ContractClientTest's build). */
    @Test
    void aValueOfSeveralTypesIsItsOneOfAndMayBeNull() {
        Schema value = OASFactory.createSchema().ref("AnyJson")
                .addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.NUMBER))
                .addOneOf(OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN));
        PlatformOpenApiFilter.preferOneOfToRef(OASFactory.createSchema().addProperty("value", value));
        assertThat(value.getRef()).isNull();

        PlatformOpenApiFilter.allowNull(value);
        assertThat(value.getOneOf()).extracting(Schema::getType).containsExactly(
                List.of(Schema.SchemaType.NUMBER), List.of(Schema.SchemaType.BOOLEAN), List.of(Schema.SchemaType.NULL));
    }

    /** A facility without a position answers "location": null (system-tests' BrowserCorsTest found the gap). */
    @Test
    void aDescribedReferenceThatMayBeNullLosesItsObjectType() {
        Schema location = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("position")
                .addAllOf(OASFactory.createSchema().ref("FacilityLocation"));
        PlatformOpenApiFilter.allowNull(location);
        assertThat(location.getType()).isNull();
        assertThat(location.getAllOf()).isNull();
        assertThat(location.getAnyOf()).extracting(Schema::getRef, Schema::getType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("#/components/schemas/FacilityLocation", null),
                org.assertj.core.groups.Tuple.tuple(null, List.of(Schema.SchemaType.NULL)));

        // as SmallRye writes @Schema(nullable = true) on a reference
        Schema annotated = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addAnyOf(OASFactory.createSchema().ref("FacilityLocation"))
                .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
        PlatformOpenApiFilter.dropTypeBesideNullBranch(annotated);
        assertThat(annotated.getType()).isNull();
        Schema plain = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        PlatformOpenApiFilter.dropTypeBesideNullBranch(plain);
        assertThat(plain.getType()).containsExactly(Schema.SchemaType.STRING);
    }

    @Test
    void infoAndServersComeFromTheBuild() {
        OpenAPI api = document();
        filter.filterOpenAPI(api);

        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(api.getInfo().getContact().getName()).isEqualTo("童友 platform team");
        assertThat(api.getInfo().getContact().getUrl()).isEqualTo("https://tongyou.cn");
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("http://localhost:8081");
    }

    @Test
    void runningTwiceChangesNothingMore() {
        OpenAPI once = document();
        filter.filterOpenAPI(once);
        OpenAPI twice = document();
        filter.filterOpenAPI(twice);
        filter.filterOpenAPI(twice);

        assertThat(twice.getComponents().getSchemas().keySet()).isEqualTo(once.getComponents().getSchemas().keySet());
        assertThat(statuses(twice, "/api/v1/facilities/{id}", PathItem.HttpMethod.PUT))
                .isEqualTo(statuses(once, "/api/v1/facilities/{id}", PathItem.HttpMethod.PUT));
    }

    @Test
    void aServiceGivesTheOperationsItInheritsFromCommonItsOwnIds() {
        PlatformOpenApiFilter renaming = new PlatformOpenApiFilter(new PlatformOpenApiFilter.Settings("1.2.3", null, null,
                null, List.of(), List.of(), List.of(), List.of(), List.of("PeriodLockException:ReportLockException")));
        OpenAPI api = document();
        api.getPaths().addPathItem("/api/v1/report-lock-exceptions", OASFactory.createPathItem()
                .GET(OASFactory.createOperation().operationId("listPeriodLockExceptions")
                        .responses(OASFactory.createAPIResponses().addAPIResponse("200", json("Region")))));
        renaming.filterOpenAPI(api);

        assertThat(api.getPaths().getPathItem("/api/v1/report-lock-exceptions").getGET().getOperationId())
                .isEqualTo("listReportLockExceptions");

        PlatformOpenApiFilter misspelt = new PlatformOpenApiFilter(new PlatformOpenApiFilter.Settings("1.2.3", null, null,
                null, List.of(), List.of(), List.of(), List.of(), List.of("PeriodLockExeption:ReportLockException")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> misspelt.filterOpenAPI(document()))
                .hasMessageContaining("PeriodLockExeption");
    }

    // --- a small document shaped like the services' ---------------------------------------------------------------

    private static OpenAPI document() {
        Schema page = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("a page of results with the total count")
                .addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(OASFactory.createSchema()));
        Schema regionPage = pageOf("Region");
        Schema facilityPage = pageOf("Facility");
        Schema ownFacilityPage = pageOf("Facility").description("the service's own");
        Schema holder = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("facilities", OASFactory.createSchema().ref("Page2"));

        Operation listRegions = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", json("Page1")));
        Operation getRegion = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("code").in(Parameter.In.PATH))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", json("Region")));
        APIResponse changed = json("Facility")
                .addHeader("ETag", OASFactory.createHeader().description("the new version"))
                .addHeader("Idempotent-Replayed", OASFactory.createHeader());
        Operation putFacility = OASFactory.createOperation()
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH))
                .addParameter(OASFactory.createParameter().name("If-Match").in(Parameter.In.HEADER))
                .requestBody(OASFactory.createRequestBody().content(OASFactory.createContent().addMediaType(
                        "application/json", OASFactory.createMediaType().schema(OASFactory.createSchema().ref("FacilityInput")))))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", changed)
                        .addAPIResponse("409", OASFactory.createAPIResponse().description("the lifecycle forbids it")));
        APIResponse report = json("Holder");
        report.getContent()
                .addMediaType("text/csv", OASFactory.createMediaType().schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)))
                .addMediaType(XLSX, OASFactory.createMediaType());
        Operation compliance = OASFactory.createOperation()
                .addExtension(PlatformOpenApiFilter.CONCURRENCY_LIMIT, "compliance")
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", report));

        return OASFactory.createOpenAPI()
                .info(OASFactory.createInfo().title("facility-service API").version("1.0"))
                .components(OASFactory.createComponents()
                        .addSchema("Page", page).addSchema("Page1", regionPage).addSchema("Page2", facilityPage)
                        .addSchema("FacilityPage", ownFacilityPage).addSchema("Holder", holder)
                        .addSchema("Region", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("urbanRural", OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL))
                                        .enumeration(List.of("urban", "rural")))
                                .addProperty("validTo", OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.STRING, Schema.SchemaType.NULL)))
                                .addProperty("parent", OASFactory.createSchema().ref("Region")))
                        .addSchema("Facility", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addExtension(PlatformOpenApiFilter.OMITTED_WHEN_NULL, "true")
                                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("distanceMeters", OASFactory.createSchema()
                                        .type(List.of(Schema.SchemaType.NUMBER, Schema.SchemaType.NULL)))
                                .addProperty("checklist", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)))
                        .addSchema("FacilityInput", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addProperty("name", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("address", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addRequired("name"))
                        .addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))))
                .paths(OASFactory.createPaths()
                        .addPathItem("/api/v1/regions", OASFactory.createPathItem().GET(listRegions))
                        .addPathItem("/api/v1/regions/{code}", OASFactory.createPathItem().GET(getRegion))
                        .addPathItem("/api/v1/facilities/{id}", OASFactory.createPathItem().PUT(putFacility))
                        .addPathItem("/api/v1/compliance", OASFactory.createPathItem().GET(compliance)));
    }

    private static Schema pageOf(String item) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("a page of results with the total count")
                .addProperty("items", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(item)))
                .addProperty("total", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    private static APIResponse json(String schema) {
        return OASFactory.createAPIResponse().description("OK").content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema))));
    }

    private static java.util.Set<String> statuses(OpenAPI api, String path, PathItem.HttpMethod method) {
        return api.getPaths().getPathItem(path).getOperations().get(method).getResponses().getAPIResponses().keySet();
    }

    private static APIResponse response(OpenAPI api, String path, PathItem.HttpMethod method, String status) {
        return api.getPaths().getPathItem(path).getOperations().get(method).getResponses().getAPIResponse(status);
    }
}
