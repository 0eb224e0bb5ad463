package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facilities the plans report ({@link DemoFacilities}), imported into facility-service: first the generated
 * villages of the region (region import with {@code generated=true}), then one facility import with 儿童之家, public
 * places and their 母婴室 (each row {@code generated: true}). Both carry an Idempotency-Key; the region is skipped when
 * its last facility is already registered.
 */
public final class FacilitiesDemoLoader implements DemoLoader {

    private static final String SERVICE = RegionsDemoLoader.SERVICE;

    @Override
    public String name() {
        return "facilities the plans report (儿童之家, 母婴室), in generated villages";
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
        JsonNode children = context.getJson(base, "/api/v1/regions/" + figures.regionCode() + "/children?size=500");
        for (JsonNode child : children.path("items")) {
            if ("township".equals(child.path("level").asText())) {
                townships.add(new DemoFacilities.Township(child.path("code").asText(), child.path("name").asText()));
            }
        }
        if (townships.isEmpty()) {
            context.out().println(label + "skipped: no townships in facility-service (regions not loaded?)");
            return;
        }
        DemoFacilities demo = new DemoFacilities(figures, townships);
        JsonNode marker = context.getJson(base, "/api/v1/facilities?externalId=" + demo.markerExternalId());
        if (marker.path("total").asLong() > 0) {
            context.out().println(label + "already loaded");
            return;
        }
        String key = "local-stack-demo-" + figures.regionCode();
        HttpResponse<String> villages = context.post(base, "/api/v1/regions/import?generated=true&validFrom="
                        + RegionsDemoLoader.EDITION, "text/csv; charset=UTF-8",
                HttpRequest.BodyPublishers.ofString(demo.villagesCsv()), null);
        if (villages.statusCode() / 100 != 2) {
            context.out().println(label + "villages: " + DemoLoader.failure(villages));
            return;
        }
        context.out().println(label + demo.villages().size() + " generated villages in " + townships.size()
                + " townships (" + DemoLoader.summary(villages.body()) + ")");
        HttpResponse<String> facilities = context.post(base, "/api/v1/facilities/import", "application/json",
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(demo.facilities())), key + "-facilities");
        if (facilities.statusCode() / 100 != 2) {
            context.out().println(label + "facilities: " + DemoLoader.failure(facilities));
            return;
        }
        context.out().println(label + figures.childrenHomes() + " 儿童之家, " + figures.motherBabyRooms()
                + " 母婴室 in as many public places (" + DemoLoader.summary(facilities.body()) + ")");
    }
}
