package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facilities the plans report ({@link DemoFacilities}), imported into facility-service on the region's real
 * villages (loaded before by {@link RegionsDemoLoader}): one facility import with 儿童之家, 家风家教示范基地, public
 * places and their 母婴室 (each row {@code generated: true}), with an Idempotency-Key; the region is skipped when its
 * last facility is already registered. No village is generated any more.
 */
public final class FacilitiesDemoLoader implements DemoLoader {

    private static final String SERVICE = RegionsDemoLoader.SERVICE;

    @Override
    public String name() {
        return "facilities the plans report (儿童之家, 母婴室, 家风家教示范基地), in the real villages";
    }

    @Override
    public void load(Context context) throws Exception {
        String base = context.runningOrSkip(SERVICE).orElse(null);
        if (base == null) {
            return;
        }
        for (Path plan : context.planFiles()) {
            Optional<DemoFacilities.Figures> figures = DemoFacilities.Figures.of(JSON.readTree(plan.toFile()));
            if (figures.isPresent()) {
                load(context, base, figures.get());
            }
        }
    }

    private void load(Context context, String base, DemoFacilities.Figures figures) throws Exception {
        String label = "    " + figures.regionName() + " (" + figures.regionCode() + "): ";
        List<DemoFacilities.Township> townships = new ArrayList<>();
        List<DemoFacilities.Village> villages = new ArrayList<>();
        for (JsonNode region : all(context, base, "/api/v1/regions?within=" + figures.regionCode())) {
            String code = region.path("code").asText();
            String name = region.path("name").asText();
            switch (region.path("level").asText()) {
                case "township" -> townships.add(new DemoFacilities.Township(code, name));
                case "village" -> {
                    if (!region.path("generated").asBoolean()) {
                        villages.add(new DemoFacilities.Village(code, name, region.path("parentCode").asText()));
                    }
                }
                default -> { }
            }
        }
        if (townships.isEmpty()) {
            context.out().println(label + "skipped: no townships in facility-service (regions not loaded?)");
            return;
        }
        if (villages.size() < figures.childrenHomes()) {
            context.out().println(label + "skipped: " + villages.size() + " real villages for " + figures.childrenHomes()
                    + " 儿童之家 (villages.csv not loaded? see deploy/local/README.md)");
            return;
        }
        DemoFacilities demo = new DemoFacilities(figures, townships, villages);
        JsonNode marker = context.getJson(base, "/api/v1/facilities?externalId=" + demo.markerExternalId());
        if (marker.path("total").asLong() > 0) {
            context.out().println(label + "already loaded");
            return;
        }
        String key = "local-stack-demo-" + figures.regionCode();
        HttpResponse<String> facilities = context.post(base, "/api/v1/facilities/import", "application/json",
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(demo.facilities())), key + "-facilities-v2");
        if (facilities.statusCode() / 100 != 2) {
            context.out().println(label + "facilities: " + DemoLoader.failure(facilities));
            return;
        }
        context.out().println(label + figures.childrenHomes() + " 儿童之家 in " + villages.size()
                + " real villages and communities (" + demo.uncovered().size() + " without one), "
                + figures.motherBabyRooms() + " 母婴室 in as many public places, " + figures.familyEducationBases()
                + " 家风家教示范基地 (" + DemoLoader.summary(facilities.body()) + ")");
        context.out().println(label + "儿童之家 coverage of villages: " + coverage(context, base, figures.regionCode()));
    }

    /** Every region of a list, page by page. */
    private static List<JsonNode> all(Context context, String base, String path) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = context.getJson(base, path + "&size=500&page=" + page);
            answer.path("items").forEach(result::add);
            if (answer.path("items").isEmpty() || page >= answer.path("totalPages").asInt(1)) {
                return result;
            }
        }
    }

    /** "269 of 320 (84.1 %)" as facility-service computes it. */
    private static String coverage(Context context, String base, String region) {
        try {
            JsonNode c = context.getJson(base, "/api/v1/coverage?region=" + region + "&type=children-home&level=village&size=1");
            return c.path("covered").asLong() + " of " + c.path("eligible").asLong()
                    + String.format(" (%.1f %%; a 儿童之家 counts when open and meeting the 五有 standard)",
                    100 * c.path("ratio").asDouble());
        } catch (Exception e) {
            return "not available (" + e.getMessage() + ")";
        }
    }
}
