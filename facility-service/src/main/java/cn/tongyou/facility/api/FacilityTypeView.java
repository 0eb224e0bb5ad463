package cn.tongyou.facility.api;

import cn.tongyou.facility.domain.ChecklistItem;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.HostRule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "FacilityType", description = "A facility type and its standard")
public record FacilityTypeView(
        @Schema(example = "children-home") String code,
        @Schema(example = "儿童之家") String nameZh,
        @Schema(example = "Children's home") String nameEn,
        @Schema(nullable = true) String description,
        @Schema(description = "false for a host that is not a child facility itself (public-place)") boolean childFacility,
        @Schema(nullable = true, enumeration = {"province", "prefecture", "county", "township", "village"},
                description = "level of the 'one per unit' rule (village: one per village/community); facilities of the type must be placed at that level")
        String unitLevel,
        @Schema(nullable = true, description = "type of the facility that hosts this one (mother-baby-room → public-place)") String hostedBy,
        @Schema(nullable = true, description = "rule deciding whether a facility of this type must host another") HostRuleView hostRule,
        @Schema(description = "items of the standard; a facility meets it when every required item is met; empty when there is no national checklist")
        List<ChecklistItemView> checklist,
        @Schema(description = "attributes the type declares and type-checks; other attributes are kept as given") List<AttributeView> attributes,
        @Schema(description = "where the standard comes from and how it is read") String standardSource) {

    @Schema(name = "ChecklistItem")
    public record ChecklistItemView(
            @Schema(example = "venue") String code,
            @Schema(example = "有场所") String nameZh,
            String nameEn,
            @Schema(enumeration = {"boolean", "number"}) String valueType,
            boolean required,
            @Schema(nullable = true, description = "least value meeting a number item") Double minimum,
            @Schema(nullable = true) String unit,
            @Schema(nullable = true) String description) {
    }

    @Schema(name = "FacilityTypeAttribute")
    public record AttributeView(String code, String nameZh,
                                @Schema(enumeration = {"boolean", "number", "integer", "text"}) String valueType,
                                @Schema(nullable = true) Double minimum, @Schema(nullable = true) String unit,
                                @Schema(nullable = true) String description) {
    }

    @Schema(name = "HostRule")
    public record HostRuleView(@Schema(example = "mother-baby-room-host") String code, String description,
                               double floorAreaThresholdM2, long dailyVisitorsThreshold) {
    }

    static FacilityTypeView of(FacilityType t) {
        return new FacilityTypeView(t.code(), t.nameZh(), t.nameEn(), t.description(), t.childFacility(),
                t.unitLevel() == null ? null : t.unitLevel().code(), t.hostedBy(),
                t.appliesHostRule() ? new HostRuleView(HostRule.CODE, HostRule.DESCRIPTION,
                        HostRule.FLOOR_AREA_THRESHOLD_M2, HostRule.DAILY_VISITORS_THRESHOLD) : null,
                t.checklist().stream().map(FacilityTypeView::item).toList(),
                t.attributes().stream().map(FacilityTypeView::attribute).toList(),
                t.standardSource());
    }

    private static ChecklistItemView item(ChecklistItem i) {
        return new ChecklistItemView(i.code(), i.nameZh(), i.nameEn(), i.valueType().code(), i.required(), i.minimum(),
                i.unit(), i.description());
    }

    private static AttributeView attribute(FacilityAttribute a) {
        return new AttributeView(a.code(), a.nameZh(), a.valueType().code(), a.minimum(), a.unit(), a.description());
    }
}
