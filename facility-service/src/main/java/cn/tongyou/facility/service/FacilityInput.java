package cn.tongyou.facility.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /api/v1/facilities} and {@code PUT /api/v1/facilities/{id}} (a PUT replaces the whole
 * registration), and one element of a JSON bulk import.
 */
@Schema(name = "FacilityInput", description = "A facility registration. PUT replaces the whole registration: fields left out are cleared, "
        + "except openedOn/closedOn which default to the date the facility entered open/closed.")
public record FacilityInput(
        @Schema(required = true, description = "facility type code (GET /api/v1/facility-types); cannot change after registration", example = "children-home")
        String type,
        @Schema(required = true, maxLength = 200, example = "广武镇陈沟村儿童之家")
        String name,
        @Schema(required = true, description = "statistical division code (2–12 digits, zero-padded to 12) of the region the facility lies in: "
                + "any level from village/community up, but a type that is one-per-village (children-home) must be placed at a village/community",
                example = "410182103201")
        String regionCode,
        @Schema(maxLength = 500, example = "河南省郑州市荥阳市广武镇陈沟村党群服务中心二楼")
        String address,
        @Schema(description = "WGS-84 position (GPS); give both lat and lng or leave location out")
        FacilityLocation location,
        @Schema(required = true, enumeration = {"planned", "under-construction", "open", "suspended", "closed"},
                description = "lifecycle status; a new facility cannot be registered as closed, and changes follow "
                        + "planned → under-construction|open|closed, under-construction → open|suspended|closed, open → suspended|closed, "
                        + "suspended → open|closed; a closed facility is never reopened", example = "open")
        String status,
        @Schema(description = "date the status took effect when it changes (default: openedOn for open, closedOn for closed, else today); not in the future")
        LocalDate statusDate,
        @Schema(maxLength = 500, description = "why the status changes (kept in the status history)")
        String statusReason,
        @Schema(description = "date the facility opened")
        LocalDate openedOn,
        @Schema(description = "date the facility closed; only for status closed")
        LocalDate closedOn,
        @Schema(enumeration = {"county", "prefecture", "province"}, nullable = true,
                description = "demonstration certification: county = 区（县）级示范, prefecture = 市级示范, province = 省级示范; null when none")
        String certificationLevel,
        @Schema(description = "for a mother-baby-room: the public-place facility hosting it")
        UUID hostFacilityId,
        @Schema(description = "alternative to hostFacilityId: the externalId of the hosting public place (bulk imports)")
        String hostExternalId,
        @Schema(description = "attributes; those the type declares are type-checked (public-place: floorAreaM2, dailyVisitors, category), others are kept as given (at most 50 attributes, names of at most 100 characters, other values of at most 2,000 characters, as JSON text for non-text values)")
        Map<String, Object> attributes,
        @Schema(description = "checklist item code → recorded value, validated against the type's standard (children-home: venue, equipment, rules, staff, funding)")
        Map<String, Object> checklist,
        @Schema(maxLength = 100, description = "id of the facility in a provincial system; unique; bulk imports upsert by it")
        String externalId,
        @Schema(description = "true for data generated for demos or load tests", defaultValue = "false")
        Boolean generated) {
}
