package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demonstration facilities of one plan region, derived from the figures the plan itself reports
 * ({@code baseline_facts}) and placed on the region's <b>real</b> villages and communities (村级, NBS 2023, loaded by
 * {@link RegionsDemoLoader}): 荥阳市 says "政府民生实事建设 269 个“儿童之家”", "公共场所配置母婴室 14 处，实现符合条件的
 * 公共场所母婴室配备 100%全覆盖" and "命名建设市级家风家教示范基地 5 个", so it gets 269 儿童之家 in 269 of its 320 real
 * villages and communities, 14 母婴室 each in a public place that must host one, and 5 家风家教示范基地.
 *
 * <p>What the plan does not say is invented, deterministically, and every facility is marked {@code generated}: which
 * villages have a 儿童之家 (the 51 without one are spread evenly over the townships, in code order), the facilities'
 * names and addresses, the public places, a few 儿童之家 lacking one item of the 五有 standard (有人员 / 有经费). The
 * villages are real; no position is given, because we do not know where the facilities are.
 */
public final class DemoFacilities {

    /** One 儿童之家 in this many misses an item of the 五有 standard. */
    static final int GAP_EVERY = 30;

    /** A real village or community of the region, as facility-service has it. */
    public record Village(String code, String name, String parentCode) {

        /** The name a facility in it takes: 广武村委会 → 广武村, 老城社区居委会 → 老城社区, 东华门居民委员会 → 东华门社区. */
        String shortName() {
            for (String[] ending : SHORT_ENDINGS) {
                if (name.endsWith(ending[0]) && name.length() > ending[0].length()) {
                    return name.substring(0, name.length() - ending[0].length()) + ending[1];
                }
            }
            return name;
        }

        private static final List<String[]> SHORT_ENDINGS = List.of(
                new String[]{"村民委员会", "村"}, new String[]{"村村委会", "村"}, new String[]{"村委会", "村"},
                new String[]{"社区居民委员会", "社区"}, new String[]{"社区居委会", "社区"},
                new String[]{"居民委员会", "社区"}, new String[]{"居委会", "社区"});
    }

    /** A township of the region (code and name as facility-service has them). */
    public record Township(String code, String name) {

        /** 街道 (sub-district: urban communities) rather than 镇/乡 (villages): NBS township codes 001–099. */
        boolean isStreet() {
            return Integer.parseInt(code.substring(6, 9)) < 100;
        }
    }

    /**
     * What the plan reports: its region and the numbers of 儿童之家, 母婴室 in public places and 家风家教示范基地 it
     * has (0 when it says nothing).
     */
    public record Figures(String regionCode, String regionName, int childrenHomes, int motherBabyRooms,
                          int familyEducationBases) {

        /** The figures of one catalogue document, if it reports any. */
        public static Optional<Figures> of(JsonNode plan) {
            JsonNode region = plan.path("region");
            String code = region.path("division_code").asText("");
            int homes = 0;
            int rooms = 0;
            int bases = 0;
            for (JsonNode fact : plan.path("baseline_facts")) {
                String metric = fact.path("metric").asText("");
                if (!fact.path("value").isNumber() || !metric.endsWith("数量")) {
                    continue;
                }
                if (metric.contains("儿童之家")) {
                    homes = fact.path("value").asInt();
                } else if (metric.contains("母婴室")) {
                    rooms = fact.path("value").asInt();
                } else if (metric.contains("家风家教示范基地") || metric.contains("家教家风示范基地")) {
                    bases = fact.path("value").asInt();
                }
            }
            if (code.length() != 6 || homes + rooms + bases == 0) {
                return Optional.empty();
            }
            return Optional.of(new Figures(code, region.path("name").asText(code), homes, rooms, bases));
        }
    }

    private final Figures figures;
    private final List<Township> townships;
    private final List<Village> villages;
    private final List<Village> uncovered = new ArrayList<>();
    private final List<Map<String, Object>> hosts = new ArrayList<>();
    private final List<Map<String, Object>> homes = new ArrayList<>();
    private final List<Map<String, Object>> bases = new ArrayList<>();
    private final List<Map<String, Object>> rooms = new ArrayList<>();

    /**
     * @param townships the region's townships
     * @param villages  the region's real villages and communities (any order; placed in code order)
     * @throws IllegalArgumentException when the region has no townships, or fewer villages than 儿童之家 to place
     */
    public DemoFacilities(Figures figures, List<Township> townships, List<Village> villages) {
        if (townships.isEmpty()) {
            throw new IllegalArgumentException(figures.regionName() + " has no townships to place facilities in");
        }
        if (villages.size() < figures.childrenHomes()) {
            throw new IllegalArgumentException(figures.regionName() + " has " + villages.size() + " villages for "
                    + figures.childrenHomes() + " 儿童之家 (one per village): are its villages loaded?");
        }
        this.figures = figures;
        this.townships = townships.stream().sorted(Comparator.comparing(Township::code)).toList();
        this.villages = villages.stream().sorted(Comparator.comparing(Village::code)).toList();
        placeChildrenHomes();
        placeFamilyEducationBases();
        placeMotherBabyRooms();
    }

    /** The villages left without a 儿童之家: the coverage gap the demo shows. */
    public List<Village> uncovered() {
        return uncovered;
    }

    /** The facilities as {@code POST /api/v1/facilities/import} JSON rows, hosts before the rooms they host. */
    public List<Map<String, Object>> facilities() {
        List<Map<String, Object>> all = new ArrayList<>(hosts);
        all.addAll(homes);
        all.addAll(bases);
        all.addAll(rooms);
        return all;
    }

    /** The externalId of the last facility of the import: present in facility-service means already loaded. */
    public String markerExternalId() {
        List<Map<String, Object>> all = facilities();
        return (String) all.get(all.size() - 1).get("externalId");
    }

    private void placeChildrenHomes() {
        int gap = villages.size() - figures.childrenHomes();
        int placed = 0;
        for (int i = 0; i < villages.size(); i++) {
            Village village = villages.get(i);
            // spread the villages without a 儿童之家 evenly over the townships rather than bunching them at the end
            if (spreads(i, gap, villages.size())) {
                uncovered.add(village);
                continue;
            }
            placed++;
            Map<String, Object> checklist = new LinkedHashMap<>();
            for (String item : List.of("venue", "equipment", "rules", "staff", "funding")) {
                checklist.put(item, true);
            }
            if (placed % GAP_EVERY == 0) {
                checklist.put(placed % (2 * GAP_EVERY) == 0 ? "funding" : "staff", false);
            }
            Map<String, Object> home = facility("children-home", village.shortName() + "儿童之家", village.code(),
                    "demo-" + figures.regionCode() + "-children-home-" + String.format("%04d", placed));
            home.put("address", village.shortName() + "党群服务中心");
            home.put("checklist", checklist);
            homes.add(home);
        }
    }

    private static boolean spreads(int index, int count, int total) {
        return (long) (index + 1) * count / total > (long) index * count / total;
    }

    private void placeFamilyEducationBases() {
        // one per township, the towns (镇/乡) first: the plan names no place
        List<Township> order = new ArrayList<>(townships.stream().filter(t -> !t.isStreet()).toList());
        order.addAll(townships.stream().filter(Township::isStreet).toList());
        for (int i = 1; i <= figures.familyEducationBases(); i++) {
            Township township = order.get((i - 1) % order.size());
            bases.add(facility("family-education-base", township.name() + "家风家教示范基地"
                            + (i > order.size() ? String.format("%02d", i) : ""), township.code(),
                    "demo-" + figures.regionCode() + "-family-education-base-" + String.format("%02d", i)));
        }
    }

    private static final List<String[]> PLACE_KINDS = List.of(
            new String[]{"transport-hub", "汽车客运站"}, new String[]{"commercial-center", "购物中心"},
            new String[]{"medical", "医院"}, new String[]{"scenic-area", "景区游客中心"},
            new String[]{"entertainment", "文化活动中心"}, new String[]{"government-service", "政务服务中心"});

    private void placeMotherBabyRooms() {
        // the large public places are mostly in the urban sub-districts (街道): each gets two before the towns get one
        List<Township> streets = townships.stream().filter(Township::isStreet).toList();
        List<Township> order = new ArrayList<>(streets);
        order.addAll(streets);
        order.addAll(townships.stream().filter(t -> !t.isStreet()).toList());
        for (int i = 1; i <= figures.motherBabyRooms(); i++) {
            int n = i - 1;
            Township township = order.get(n % order.size());
            String[] kind = PLACE_KINDS.get(n % PLACE_KINDS.size());
            String placeId = "demo-" + figures.regionCode() + "-public-place-" + String.format("%02d", i);
            Map<String, Object> place = facility("public-place", township.name() + kind[1] + String.format("%02d", i),
                    township.code(), placeId);
            // above the 10,000 m² of 国卫指导发〔2016〕63号, so each must host a 母婴室 — the plan's "符合条件的公共场所"
            place.put("attributes", Map.of("category", kind[0], "floorAreaM2", 12_000 + 1_500 * i, "dailyVisitors", 8_000 + 700 * i));
            hosts.add(place);

            Map<String, Object> room = facility("mother-baby-room", place.get("name") + "母婴室", township.code(),
                    "demo-" + figures.regionCode() + "-mother-baby-room-" + String.format("%02d", i));
            room.put("hostExternalId", placeId);
            Map<String, Object> checklist = new LinkedHashMap<>();
            checklist.put("area-m2", 10 + i % 6);
            for (String item : List.of("changing-table", "nursing-seat", "washbasin", "power-socket", "waste-bin",
                    "privacy", "emergency-call", "signage")) {
                checklist.put(item, true);
            }
            room.put("checklist", checklist);
            rooms.add(room);
        }
    }

    private static Map<String, Object> facility(String type, String name, String regionCode, String externalId) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        f.put("name", name);
        f.put("regionCode", regionCode);
        f.put("status", "open");
        f.put("externalId", externalId);
        f.put("generated", true);
        return f;
    }
}
