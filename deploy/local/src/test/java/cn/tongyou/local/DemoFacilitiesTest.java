package cn.tongyou.local;

import cn.tongyou.local.testing.SharedData;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoFacilitiesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** 荥阳市's 14 townships as the 2023 tables list them (2 街道, 9 镇, 3 乡). */
    static List<DemoFacilities.Township> xingyangTownships() throws Exception {
        List<DemoFacilities.Township> result = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.divisions("streets.csv"))) {
            if (line.startsWith("410182")) {
                String[] cells = line.split(",");
                result.add(new DemoFacilities.Township(cells[0] + "000", cells[1].replace("\"", "")));
            }
        }
        return result;
    }

    static DemoFacilities.Figures xingyangFigures() throws Exception {
        Path plan = SharedData.catalogueFile("000_");
        return DemoFacilities.Figures.of(JSON.readTree(plan.toFile())).orElseThrow();
    }

    @Test
    void readsTheFiguresTheXingyangPlanReports() throws Exception {
        assertThat(xingyangFigures()).isEqualTo(new DemoFacilities.Figures("410182", "荥阳市", 269, 14));
    }

    @Test
    void plansWithoutFacilityFiguresGetNone() throws Exception {
        long withFigures = 0;
        for (Path plan : SharedData.catalogue()) {
            Optional<DemoFacilities.Figures> figures = DemoFacilities.Figures.of(JSON.readTree(plan.toFile()));
            withFigures += figures.isPresent() ? 1 : 0;
        }
        assertThat(withFigures).as("only 荥阳市 reports its 儿童之家 and 母婴室").isEqualTo(1);
    }

    @Test
    void placesEveryReportedChildrenHomeInAGeneratedVillageAndLeavesAboutATenthUncovered() throws Exception {
        List<DemoFacilities.Township> townships = xingyangTownships();
        assertThat(townships).hasSize(14);
        DemoFacilities demo = new DemoFacilities(xingyangFigures(), townships);

        assertThat(demo.villages()).hasSize(299); // ceil(269 / 0.9)
        assertThat(demo.villages()).extracting(DemoFacilities.Village::code).doesNotHaveDuplicates()
                .allMatch(code -> code.length() == 12 && code.startsWith("410182"));
        // every township gets 21 or 22 units; 街道 get communities (001…, 111), towns villages (201…, 220)
        Map<String, Long> perTownship = demo.villages().stream()
                .collect(Collectors.groupingBy(DemoFacilities.Village::parentCode, Collectors.counting()));
        assertThat(perTownship).hasSize(14).allSatisfy((code, n) -> assertThat(n).isBetween(21L, 22L));
        DemoFacilities.Village community = demo.villages().stream().filter(v -> v.parentCode().equals("410182001000"))
                .findFirst().orElseThrow();
        assertThat(community).isEqualTo(new DemoFacilities.Village("410182001001", "索河街道演示社区01", "410182001000", "111"));
        assertThat(demo.villages()).filteredOn(v -> v.parentCode().equals("410182101000"))
                .first().extracting(DemoFacilities.Village::code, DemoFacilities.Village::urbanRuralCode)
                .containsExactly("410182101201", "220");

        List<Map<String, Object>> homes = ofType(demo, "children-home");
        assertThat(homes).hasSize(269);
        Set<Object> homeVillages = homes.stream().map(h -> h.get("regionCode")).collect(Collectors.toSet());
        assertThat(homeVillages).hasSize(269); // one per village
        Set<String> villageCodes = demo.villages().stream().map(DemoFacilities.Village::code).collect(Collectors.toSet());
        assertThat(villageCodes).containsAll(homeVillages.stream().map(String::valueOf).toList());
        // the uncovered villages are spread: no township keeps more than 3 of the 30
        Map<String, Long> uncoveredPerTownship = demo.villages().stream().filter(v -> !homeVillages.contains(v.code()))
                .collect(Collectors.groupingBy(DemoFacilities.Village::parentCode, Collectors.counting()));
        assertThat(uncoveredPerTownship.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        assertThat(uncoveredPerTownship.values()).allMatch(n -> n <= 3);
        // 8 of 269 (every 30th) miss one 五有 item
        long withGap = homes.stream().filter(h -> ((Map<?, ?>) h.get("checklist")).containsValue(false)).count();
        assertThat(withGap).isEqualTo(8);
        assertThat(demo.facilities()).allMatch(f -> Boolean.TRUE.equals(f.get("generated")) && "open".equals(f.get("status")));
    }

    @Test
    void everyMotherBabyRoomHasAPublicPlaceThatMustHostOneListedBeforeIt() throws Exception {
        DemoFacilities demo = new DemoFacilities(xingyangFigures(), xingyangTownships());
        List<Map<String, Object>> places = ofType(demo, "public-place");
        List<Map<String, Object>> rooms = ofType(demo, "mother-baby-room");
        assertThat(places).hasSize(14);
        assertThat(rooms).hasSize(14);
        List<Object> order = demo.facilities().stream().map(f -> f.get("externalId")).toList();
        for (Map<String, Object> room : rooms) {
            Object host = room.get("hostExternalId");
            assertThat(order.indexOf(host)).isNotNegative().isLessThan(order.indexOf(room.get("externalId")));
            assertThat((Number) ((Map<?, ?>) room.get("checklist")).get("area-m2")).matches(a -> a.doubleValue() >= 10);
        }
        // ≥ 10,000 m²: every one is a place that must host a 母婴室 (the plan: 符合条件的公共场所 100%)
        assertThat(places).allMatch(p -> ((Number) ((Map<?, ?>) p.get("attributes")).get("floorAreaM2")).intValue() >= 10_000);
        // 索河街道 and 京城路街道 get two each before the towns
        assertThat(places.subList(0, 4)).extracting(p -> p.get("regionCode"))
                .containsExactly("410182001000", "410182002000", "410182001000", "410182002000");
        assertThat(demo.markerExternalId()).isEqualTo("demo-410182-mother-baby-room-14");
    }

    @Test
    void isDeterministicSoARerunFindsTheSameRows() throws Exception {
        String first = JSON.writeValueAsString(new DemoFacilities(xingyangFigures(), xingyangTownships()).facilities());
        String second = JSON.writeValueAsString(new DemoFacilities(xingyangFigures(), xingyangTownships()).facilities());
        assertThat(first).isEqualTo(second);
    }

    private static List<Map<String, Object>> ofType(DemoFacilities demo, String type) {
        return demo.facilities().stream().filter(f -> type.equals(f.get("type"))).toList();
    }
}
