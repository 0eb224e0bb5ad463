package cn.tongyou.facility.api;

import cn.tongyou.local.testing.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static cn.tongyou.facility.api.FacilityTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Facility types are data, each with its standard. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FacilityTypeResourceTest {

    @Test
    void everyTypeOfTheCatalogIsListed() {
        given().header("Authorization", viewer()).get("/api/v1/facility-types").then().statusCode(200)
                .body("", hasSize(18))
                .body("code", contains("children-home", "public-place", "mother-baby-room", "child-friendly-park",
                        "child-friendly-library", "child-friendly-school", "child-friendly-hospital", "child-friendly-community",
                        "child-friendly-street", "practice-base", "childcare-institution", "minor-protection-station",
                        "parent-school", "child-activity-center", "child-toilet", "sports-venue", "family-education-base", "other"));
    }

    @Test
    void theChildrenHomeStandardIsTheFiveHas() {
        given().header("Authorization", viewer()).get("/api/v1/facility-types/children-home").then().statusCode(200)
                .body("nameZh", equalTo("儿童之家"))
                .body("unitLevel", equalTo("village"))
                .body("childFacility", equalTo(true))
                .body("checklist.code", contains("venue", "equipment", "rules", "staff", "funding"))
                .body("checklist.nameZh", contains("有场所", "有设施", "有制度", "有人员", "有经费"))
                .body("checklist.required", everyItem(equalTo(true)))
                .body("checklist.valueType", everyItem(equalTo("boolean")));
    }

    @Test
    void theMotherBabyRoomStandardAndItsHost() {
        given().header("Authorization", viewer()).get("/api/v1/facility-types/mother-baby-room").then().statusCode(200)
                .body("nameZh", equalTo("母婴室"))
                .body("hostedBy", equalTo("public-place"))
                .body("checklist[0].code", equalTo("area-m2"))
                .body("checklist[0].minimum", equalTo(10.0f))
                .body("checklist.findAll { it.required }.code", contains("area-m2", "changing-table", "nursing-seat", "washbasin",
                        "power-socket", "waste-bin", "privacy", "emergency-call", "signage"))
                .body("checklist.findAll { !it.required }.code", contains("fridge", "water-heater", "info-materials"))
                .body("standardSource", containsString("国卫指导发〔2016〕63号"))
                .body("standardSource", containsString("our reading of the document's annex"));
        given().header("Authorization", viewer()).get("/api/v1/facility-types/public-place").then().statusCode(200)
                .body("childFacility", equalTo(false))
                .body("hostRule.floorAreaThresholdM2", equalTo(10000.0f))
                .body("hostRule.dailyVisitorsThreshold", equalTo(10000))
                .body("attributes.code", contains("floorAreaM2", "dailyVisitors", "category"));
    }

    @Test
    void typesWithoutANationalChecklistSaySo() {
        given().header("Authorization", viewer()).get("/api/v1/facility-types/child-friendly-park").then().statusCode(200)
                .body("nameZh", equalTo("儿童友好公园"))
                .body("checklist", empty())
                .body("unitLevel", nullValue())
                .body("standardSource", containsString("No national checklist"));
    }

    @Test
    void unknownTypeIs404AndATokenIsNeeded() {
        given().header("Authorization", viewer()).get("/api/v1/facility-types/swimming-pool").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("known types: children-home"));
        given().get("/api/v1/facility-types/children-home").then().statusCode(401).contentType("application/problem+json");
    }
}
