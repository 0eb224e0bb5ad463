package cn.tongyou.system;

import cn.tongyou.local.DevTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.Set;

/** Requests as the platform's callers make them: a bearer token of a role, scoped to a region, JSON unless said. */
final class Http {

    static final String CSV = "text/csv; charset=UTF-8";

    private Http() {
    }

    /** Every response is checked against the API document: the platform registers {@link ContractValidation} first. */
    static RequestSpecification as(String token, String service) {
        String url = Platform.get().url(service);
        return RestAssured.given().baseUri(url).auth().oauth2(token).accept(ContentType.JSON)
                .contentType(ContentType.JSON);
    }

    static RequestSpecification csv(String token, String service, String body) {
        return as(token, service).contentType(CSV).body(body);
    }

    /** 妇儿工委办公室 of a region: plans, targets, registers, approvals, snapshots. */
    static String coordinator(String region) {
        return DevTokens.mint("coordinator-" + region, Set.of("coordinator"), region);
    }

    /** A second person of the same office: four eyes (docs/design.md §9.3) need one to accept what another filed. */
    static String secondCoordinator(String region) {
        return DevTokens.mint("coordinator-" + region + "-reviewer", Set.of("coordinator"), region);
    }

    /** The platform operator, nationwide (region imports need it). */
    static String admin() {
        return DevTokens.mint("system-test-admin", Set.of("admin"), DevTokens.NATIONWIDE);
    }

    /** A provincial system exchanging data in bulk. */
    static String integration(String region) {
        return DevTokens.mint("province-" + region, Set.of("integration"), region);
    }

    /** A department entering data for its own unit. */
    static String reporter(String region, String unit) {
        return DevTokens.mint("reporter-" + region, Set.of("reporter"), region, unit, Duration.ofHours(1));
    }
}
