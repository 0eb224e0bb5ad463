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

    /** 荥阳市's 320 real villages and communities, from villages.csv as it is (quoted names). */
    static List<DemoFacilities.Village> xingyangVillages() throws Exception {
        List<DemoFacilities.Village> result = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.divisions("villages.csv"))) {
            if (line.startsWith("410182")) {
                String[] cells = line.split(",");
                result.add(new DemoFacilities.Village(cells[0], cells[1].replace("\"", ""), cells[2] + "000"));
            }
        }
        return result;
    }

    static DemoFacilities xingyang() throws Exception {
        return new DemoFacilities(xingyangFigures(), xingyangTownships(), xingyangVillages());
    }

    @Test
    void readsTheFiguresTheXingyangPlanReports() throws Exception {
        assertThat(xingyangFigures()).isEqualTo(new DemoFacilities.Figures("410182", "荥阳市", 269, 14, 5));
    }

    @Test
    void plansWithoutFacilityFiguresGetNone() throws Exception {
        long withFigures = 0;
        for (Path plan : SharedData.catalogue()) {
            Optional<DemoFacilities.Figures> figures = DemoFacilities.Figures.of(JSON.readTree(plan.toFile()));
            withFigures += figures.isPresent() ? 1 : 0;
        }
        assertThat(withFigures).as("only 荥阳市 reports numbers of facilities in its baseline_facts").isEqualTo(1);
    }

    @Test
    void places269ChildrenHomesIn269Of320RealVillagesAndLeaves51Uncovered() throws Exception {
        List<DemoFacilities.Village> villages = xingyangVillages();
        assertThat(villages).hasSize(320);
        DemoFacilities demo = xingyang();

        List<Map<String, Object>> homes = ofType(demo, "children-home");
        assertThat(homes).hasSize(269);
        Set<String> homeVillages = homes.stream().map(h -> (String) h.get("regionCode")).collect(Collectors.toSet());
        assertThat(homeVillages).hasSize(269); // one per village
        Set<String> real = villages.stream().map(DemoFacilities.Village::code).collect(Collectors.toSet());
        assertThat(real).containsAll(homeVillages);
        assertThat(demo.uncovered()).hasSize(51)
                .allMatch(v -> real.contains(v.code()) && !homeVillages.contains(v.code()));
        // the uncovered villages are spread over the townships, in proportion to their villages
        Map<String, Long> villagesPerTownship = villages.stream()
                .collect(Collectors.groupingBy(DemoFacilities.Village::parentCode, Collectors.counting()));
        Map<String, Long> uncoveredPerTownship = demo.uncovered().stream()
                .collect(Collectors.groupingBy(DemoFacilities.Village::parentCode, Collectors.counting()));
        uncoveredPerTownship.forEach((township, n) -> assertThat((double) n)
                .isCloseTo(villagesPerTownship.get(township) * 51.0 / 320, org.assertj.core.data.Offset.offset(1.0)));
        // named after the real village; the name and the address are invented
        assertThat(homes.get(0)).containsEntry("regionCode", "410182001001").containsEntry("name", "老城社区儿童之家")
                .containsEntry("address", "老城社区党群服务中心");
        assertThat(homes).extracting(h -> (String) h.get("name"))
                .allMatch(n -> n.endsWith("儿童之家") && !n.contains("委会"))
                .contains("闫村儿童之家", "索河湾社区儿童之家");
        // 8 of 269 (every 30th) miss one 五有 item
        long withGap = homes.stream().filter(h -> ((Map<?, ?>) h.get("checklist")).containsValue(false)).count();
        assertThat(withGap).isEqualTo(8);
        assertThat(demo.facilities()).allMatch(f -> Boolean.TRUE.equals(f.get("generated")) && "open".equals(f.get("status"))
                && !f.containsKey("location"));
    }

    @Test
    void fiveFamilyEducationBasesInTheTowns() throws Exception {
        List<Map<String, Object>> bases = ofType(xingyang(), "family-education-base");
        assertThat(bases).extracting(b -> b.get("regionCode"))
                .containsExactly("410182101000", "410182102000", "410182103000", "410182104000", "410182105000");
        assertThat(bases.get(0)).containsEntry("name", "乔楼镇家风家教示范基地");
    }

    @Test
    void refusesARegionWithoutItsVillages() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DemoFacilities(xingyangFigures(), xingyangTownships(),
                xingyangVillages().subList(0, 100))).hasMessageContaining("are its villages loaded");
    }

    @Test
    void everyMotherBabyRoomHasAPublicPlaceThatMustHostOneListedBeforeIt() throws Exception {
        DemoFacilities demo = xingyang();
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
        String first = JSON.writeValueAsString(xingyang().facilities());
        List<DemoFacilities.Village> shuffled = new ArrayList<>(xingyangVillages());
        java.util.Collections.reverse(shuffled);
        String second = JSON.writeValueAsString(new DemoFacilities(xingyangFigures(), xingyangTownships(), shuffled).facilities());
        assertThat(first).isEqualTo(second);
    }

    private static List<Map<String, Object>> ofType(DemoFacilities demo, String type) {
        return demo.facilities().stream().filter(f -> type.equals(f.get("type"))).toList();
    }
}
