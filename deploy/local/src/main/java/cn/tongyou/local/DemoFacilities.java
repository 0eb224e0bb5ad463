package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demonstration facilities of one plan region, derived from the figures the plan itself reports
 * ({@code baseline_facts}): 荥阳市 says "政府民生实事建设 269 个“儿童之家”" and "公共场所配置母婴室 14 处，实现符合条件的
 * 公共场所母婴室配备 100%全覆盖", so it gets 269 儿童之家 and 14 母婴室, each in a public place that must host one.
 *
 * <p>What the plan does not say is invented, deterministically, and marked {@code generated}: the shared division
 * tables stop at townships, so villages (村) and communities (社区) are generated under the region's townships — about
 * one in ten without a 儿童之家, because the plan aims at 100% coverage by 2025 and a demo should show the gap — and a
 * few 儿童之家 lack one item of the 五有 standard (有人员 / 有经费). No positions are given: we do not know where they are.
 */
public final class DemoFacilities {

    /** Share of generated villages with a 儿童之家 (the rest are the coverage gap the demo shows). */
    static final double COVERED_SHARE = 0.9;
    /** One 儿童之家 in this many misses an item of the 五有 standard. */
    static final int GAP_EVERY = 30;

    /** A village or community to import ({@code code,name,parentCode,urbanRuralCode}). */
    public record Village(String code, String name, String parentCode, String urbanRuralCode) {
    }

    /** A township of the region (code and name as facility-service has them). */
    public record Township(String code, String name) {

        /** 街道 (sub-district: urban communities) rather than 镇/乡 (villages): NBS township codes 001–099. */
        boolean isStreet() {
            return Integer.parseInt(code.substring(6, 9)) < 100;
        }
    }

    /** What the plan reports: its region and the counts of 儿童之家 and 母婴室 in public places (0 when it says nothing). */
    public record Figures(String regionCode, String regionName, int childrenHomes, int motherBabyRooms) {

        /** The figures of one catalogue document, if it reports any. */
        public static Optional<Figures> of(JsonNode plan) {
            JsonNode region = plan.path("region");
            String code = region.path("division_code").asText("");
            int homes = 0;
            int rooms = 0;
            for (JsonNode fact : plan.path("baseline_facts")) {
                String metric = fact.path("metric").asText("");
                if (!fact.path("value").isNumber() || !metric.endsWith("数量")) {
                    continue;
                }
                if (metric.contains("儿童之家")) {
                    homes = fact.path("value").asInt();
                } else if (metric.contains("母婴室")) {
                    rooms = fact.path("value").asInt();
                }
            }
            if (code.length() != 6 || homes + rooms == 0) {
                return Optional.empty();
            }
            return Optional.of(new Figures(code, region.path("name").asText(code), homes, rooms));
        }
    }

    private final Figures figures;
    private final List<Township> townships;
    private final List<Village> villages = new ArrayList<>();
    private final List<Map<String, Object>> hosts = new ArrayList<>();
    private final List<Map<String, Object>> homes = new ArrayList<>();
    private final List<Map<String, Object>> rooms = new ArrayList<>();

    public DemoFacilities(Figures figures, List<Township> townships) {
        if (townships.isEmpty()) {
            throw new IllegalArgumentException(figures.regionName() + " has no townships to place facilities in");
        }
        this.figures = figures;
        this.townships = List.copyOf(townships);
        generateVillages();
        placeChildrenHomes();
        placeMotherBabyRooms();
    }

    public List<Village> villages() {
        return villages;
    }

    /** The facilities as {@code POST /api/v1/facilities/import} JSON rows, hosts before the rooms they host. */
    public List<Map<String, Object>> facilities() {
        List<Map<String, Object>> all = new ArrayList<>(hosts);
        all.addAll(homes);
        all.addAll(rooms);
        return all;
    }

    /** The externalId of the last facility of the import: present in facility-service means already loaded. */
    public String markerExternalId() {
        List<Map<String, Object>> all = facilities();
        return (String) all.get(all.size() - 1).get("externalId");
    }

    /** {@code code,name,parentCode,urbanRuralCode} with a header, for the generic region import. */
    public String villagesCsv() {
        StringBuilder csv = new StringBuilder("code,name,parentCode,urbanRuralCode\n");
        for (Village v : villages) {
            csv.append(v.code()).append(',').append(v.name()).append(',').append(v.parentCode()).append(',')
                    .append(v.urbanRuralCode()).append('\n');
        }
        return csv.toString();
    }

    private void generateVillages() {
        int wanted = (int) Math.ceil(figures.childrenHomes() / COVERED_SHARE);
        for (int t = 0; t < townships.size(); t++) {
            Township township = townships.get(t);
            int count = wanted / townships.size() + (t < wanted % townships.size() ? 1 : 0);
            for (int i = 1; i <= count; i++) {
                // NBS numbering: 居民委员会 001–199 (urban, 111 主城区), 村民委员会 200–399 (220 村庄)
                boolean community = township.isStreet();
                String code = township.code().substring(0, 9) + String.format("%03d", community ? i : 200 + i);
                String name = township.name() + (community ? "演示社区" : "演示村") + String.format("%02d", i);
                villages.add(new Village(code, name, township.code(), community ? "111" : "220"));
            }
        }
    }

    private void placeChildrenHomes() {
        int uncovered = villages.size() - Math.min(figures.childrenHomes(), villages.size());
        int placed = 0;
        for (int i = 0; i < villages.size(); i++) {
            // spread the villages without a 儿童之家 evenly over the townships rather than bunching them at the end
            if (spreads(i, uncovered, villages.size())) {
                continue;
            }
            Village village = villages.get(i);
            placed++;
            Map<String, Object> checklist = new LinkedHashMap<>();
            for (String item : List.of("venue", "equipment", "rules", "staff", "funding")) {
                checklist.put(item, true);
            }
            if (placed % GAP_EVERY == 0) {
                checklist.put(placed % (2 * GAP_EVERY) == 0 ? "funding" : "staff", false);
            }
            Map<String, Object> home = facility("children-home", village.name() + "儿童之家", village.code(),
                    "demo-" + figures.regionCode() + "-children-home-" + String.format("%04d", placed));
            home.put("address", village.name() + "党群服务中心");
            home.put("checklist", checklist);
            homes.add(home);
        }
    }

    private static boolean spreads(int index, int count, int total) {
        return (long) (index + 1) * count / total > (long) index * count / total;
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
