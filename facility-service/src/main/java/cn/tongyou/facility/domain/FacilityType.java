package cn.tongyou.facility.domain;

import cn.tongyou.common.region.RegionLevel;

import java.util.List;
import java.util.Optional;

/**
 * A kind of facility and its standard, held as data (table {@code facility_type}).
 *
 * @param code           stable ASCII code ({@code children-home})
 * @param nameZh         name as in the documents (儿童之家)
 * @param nameEn         English name
 * @param description    what the type covers
 * @param childFacility  false for types that are not child facilities themselves (a public place hosting a 母婴室)
 * @param unitLevel      the region level where "one per unit" applies (village for 儿童之家), or null
 * @param checklist      the items of the standard; empty when there is no national checklist
 * @param attributes     attributes this type declares and type-checks
 * @param hostRule       code of the rule deciding whether a facility of this type must host another ({@link HostRule#CODE}), or null
 * @param hostedBy       the type of facility that hosts facilities of this type (public-place for mother-baby-room), or null
 * @param standardSource where the standard comes from and how we read it
 * @param sortOrder      display order
 */
public record FacilityType(String code, String nameZh, String nameEn, String description, boolean childFacility,
                           RegionLevel unitLevel, List<ChecklistItem> checklist, List<FacilityAttribute> attributes,
                           String hostRule, String hostedBy, String standardSource, int sortOrder) {

    public static final String CHILDREN_HOME = "children-home";
    public static final String MOTHER_BABY_ROOM = "mother-baby-room";
    public static final String PUBLIC_PLACE = "public-place";

    public FacilityType {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    public Optional<ChecklistItem> item(String itemCode) {
        return checklist.stream().filter(i -> i.code().equals(itemCode)).findFirst();
    }

    public Optional<FacilityAttribute> attribute(String attributeCode) {
        return attributes.stream().filter(a -> a.code().equals(attributeCode)).findFirst();
    }

    /** Whether facilities of this type decide, by {@link HostRule}, whether they must host another facility. */
    public boolean appliesHostRule() {
        return HostRule.CODE.equals(hostRule);
    }

    public boolean hasChecklist() {
        return !checklist.isEmpty();
    }
}
