package cn.tongyou.facility.domain;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.region.RegionLevel;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FacilityStandardTest {

    static final FacilityType CHILDREN_HOME = new FacilityType("children-home", "儿童之家", "Children's home", null, true,
            RegionLevel.VILLAGE, List.of(
            bool("venue", "有场所", true), bool("equipment", "有设施", true), bool("rules", "有制度", true),
            bool("staff", "有人员", true), bool("funding", "有经费", true)), List.of(), null, null, "五有", 10);

    static final FacilityType MOTHER_BABY_ROOM = new FacilityType("mother-baby-room", "母婴室", "Mother-and-baby room", null, true,
            null, List.of(
            new ChecklistItem("area-m2", "使用面积", "usable area", FacilityValueType.NUMBER, true, 10.0, "m²", null),
            bool("changing-table", "婴儿护理台", true), bool("nursing-seat", "哺乳座椅", true),
            bool("fridge", "冰箱", false)), List.of(), null, "public-place", "国卫指导发〔2016〕63号", 30);

    static final FacilityType PARK = new FacilityType("child-friendly-park", "儿童友好公园", "Child-friendly park", null, true,
            null, List.of(), List.of(), null, null, "No national checklist", 40);

    private static ChecklistItem bool(String code, String name, boolean required) {
        return new ChecklistItem(code, name, code, FacilityValueType.BOOLEAN, required, null, null, null);
    }

    @Test
    void allFiveItemsMakeAChildrenHomeStandard() {
        FacilityStandard.Evaluation e = FacilityStandard.evaluate(CHILDREN_HOME,
                Map.of("venue", true, "equipment", true, "rules", true, "staff", true, "funding", true));
        assertThat(e.meetsStandard()).isTrue();
        assertThat(e.gaps()).isEmpty();
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void missingOrFalseItemsAreGapsInTheTypesOrder() {
        FacilityStandard.Evaluation e = FacilityStandard.evaluate(CHILDREN_HOME,
                Map.of("venue", true, "staff", false, "equipment", true));
        assertThat(e.meetsStandard()).isFalse();
        assertThat(e.gaps()).containsExactly("rules", "staff", "funding");
        assertThat(e.valid()).isTrue();
    }

    @Test
    void anEmptyChecklistMeetsNothing() {
        assertThat(FacilityStandard.evaluate(CHILDREN_HOME, null).gaps()).hasSize(5);
        assertThat(FacilityStandard.evaluate(CHILDREN_HOME, Map.of()).meetsStandard()).isFalse();
    }

    @Test
    void aNumberItemIsMetFromItsMinimum() {
        Map<String, Object> checklist = new HashMap<>(Map.of("changing-table", true, "nursing-seat", true));
        checklist.put("area-m2", 9.5);
        assertThat(FacilityStandard.evaluate(MOTHER_BABY_ROOM, checklist).gaps()).containsExactly("area-m2");
        checklist.put("area-m2", 10);
        assertThat(FacilityStandard.evaluate(MOTHER_BABY_ROOM, checklist).meetsStandard()).isTrue();
        checklist.put("area-m2", 12.25);
        assertThat(FacilityStandard.evaluate(MOTHER_BABY_ROOM, checklist).meetsStandard()).isTrue();
    }

    @Test
    void optionalItemsNeverMakeAGap() {
        FacilityStandard.Evaluation e = FacilityStandard.evaluate(MOTHER_BABY_ROOM,
                Map.of("area-m2", 15, "changing-table", true, "nursing-seat", true, "fridge", false));
        assertThat(e.meetsStandard()).isTrue();
    }

    @Test
    void unknownItemsAndWrongTypesAreProblems() {
        Map<String, Object> checklist = new HashMap<>();
        checklist.put("venue", "yes");
        checklist.put("swimming-pool", true);
        FacilityStandard.Evaluation e = FacilityStandard.evaluate(CHILDREN_HOME, checklist);
        assertThat(e.valid()).isFalse();
        assertThat(e.problems()).extracting(Issue::field).containsExactlyInAnyOrder("checklist.venue", "checklist.swimming-pool");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("checklist.swimming-pool"))
                .singleElement().extracting(Issue::text).asString()
                .contains("unknown checklist item").contains("venue, equipment, rules, staff, funding");
        assertThat(e.problems()).filteredOn(p -> p.field().equals("checklist.venue"))
                .singleElement().extracting(Issue::text).isEqualTo("must be true or false");
        assertThat(e.gaps()).contains("venue");
    }

    @Test
    void aNegativeOrNonNumericAreaIsAProblem() {
        assertThat(FacilityStandard.evaluate(MOTHER_BABY_ROOM, Map.of("area-m2", -3)).problems())
                .extracting(Issue::text).containsExactly("must not be negative");
        assertThat(FacilityStandard.evaluate(MOTHER_BABY_ROOM, Map.of("area-m2", true)).problems())
                .extracting(Issue::text).containsExactly("must be a number");
    }

    @Test
    void aTypeWithoutChecklistMeetsItsStandardAndTakesNoItems() {
        assertThat(FacilityStandard.evaluate(PARK, Map.of()).meetsStandard()).isTrue();
        FacilityStandard.Evaluation e = FacilityStandard.evaluate(PARK, Map.of("shade", true));
        assertThat(e.problems()).singleElement().extracting(Issue::text).asString().contains("has no checklist");
    }

    @Test
    void csvCellsAreReadByValueType() {
        assertThat(FacilityValueType.BOOLEAN.parseText("是")).isEqualTo(true);
        assertThat(FacilityValueType.BOOLEAN.parseText("0")).isEqualTo(false);
        assertThat(FacilityValueType.BOOLEAN.parseText(" ")).isNull();
        assertThat(FacilityValueType.NUMBER.parseText("12.50")).isEqualTo(12.5);
        assertThat(FacilityValueType.NUMBER.parseText("60")).isEqualTo(60L);
        assertThat(FacilityValueType.INTEGER.parseText("12000")).isEqualTo(12000L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FacilityValueType.INTEGER.parseText("1.5"))
                .hasMessageContaining("not a whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FacilityValueType.BOOLEAN.parseText("maybe"))
                .hasMessageContaining("not a yes/no value");
    }

    @Test
    void valuesNormaliseSoThatEqualContentComparesEqual() {
        assertThat(FacilityValues.normalise(Map.of("a", 60, "b", 60.0, "c", 1.5)))
                .isEqualTo(FacilityValues.normalise(Map.of("c", 1.5, "b", 60L, "a", new java.math.BigDecimal("60.00"))));
    }
}
