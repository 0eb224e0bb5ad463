package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;

/**
 * The invented observations of the demonstration region ({@link DemoObservations}), posted to indicator-service as
 * one approved batch. Its Idempotency-Key is derived from the body, so a second run gets the first answer back and
 * writes nothing, while a changed demo set is a new request.
 */
public final class ObservationsDemoLoader implements DemoLoader {

    private static final String SERVICE = "indicator-service";
    private final String demoRegion;

    /** @param demoRegion the six-digit region whose targets get invented values (the README's example) */
    public ObservationsDemoLoader(String demoRegion) {
        this.demoRegion = demoRegion;
    }

    @Override
    public String name() {
        return "observations: invented demo values (source 演示数据) for some targets of " + demoRegion;
    }

    @Override
    public void load(Context context) throws Exception {
        String base = context.runningOrSkip(SERVICE).orElse(null);
        if (base == null) {
            return;
        }
        for (Path file : context.planFiles()) {
            JsonNode plan = JSON.readTree(file.toFile());
            if (demoRegion.equals(plan.path("region").path("division_code").asText())) {
                load(context, base, plan);
            }
        }
    }

    private void load(Context context, String base, JsonNode plan) throws Exception {
        JsonNode targets = context.getJson(base, "/api/v1/targets?region=" + demoRegion + "&descendants=false&level=local&size=500")
                .path("items");
        Map<String, BigDecimal> computedScales = new HashMap<>();
        List<DemoObservations.Target> reportable = new ArrayList<>();
        for (JsonNode t : targets) {
            JsonNode indicator = context.getJson(base, "/api/v1/indicators/" + t.path("indicatorCode").asText());
            DemoObservations.Target target = DemoObservations.Target.of(t, "count".equals(indicator.path("valueType").asText()));
            switch (indicator.path("obtained").asText()) {
                // derived indicators (儿童之家覆盖率 …) get their values from facility data, never from a report
                case "derived" -> { }
                case "computed" -> {
                    computedScales.put(target.indicatorCode(), indicator.path("computation").path("scale").decimalValue());
                    reportable.add(target);
                }
                default -> reportable.add(target);
            }
        }
        int year = plan.path("horizon_years").path(0).asInt();
        List<Map<String, Object>> rows = DemoObservations.invented(demoRegion, year, reportable, computedScales);
        String label = "    " + plan.path("region").path("name").asText(demoRegion) + " (" + demoRegion + "), " + year + ": ";
        if (rows.isEmpty()) {
            context.out().println(label + "none of its " + targets.size() + " targets takes a number");
            return;
        }
        String body = JSON.writeValueAsString(rows);
        grantBackFill(context, base, rows);
        String key = "local-stack-demo-observations-" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)), 0, 8);
        // four eyes: the loader enters the values as submitted, a second person of the office approves them
        HttpResponse<String> response = context.post(base, "/api/v1/observations/batch?status=submitted",
                "application/json", HttpRequest.BodyPublishers.ofString(body), key);
        if (response.headers().firstValue("Idempotent-Replayed").filter("true"::equalsIgnoreCase).isPresent()) {
            context.out().println(label + "already loaded (" + rows.size() + " values; the first answer replayed)");
            return;
        }
        if (response.statusCode() / 100 != 2) {
            context.out().println(label + rows.size() + " values (" + DemoLoader.failure(response) + ")");
            return;
        }
        List<String> approvals = new ArrayList<>();
        for (String period : new TreeSet<>(rows.stream().map(r -> String.valueOf(r.get("period"))).toList())) {
            HttpResponse<String> approved = context.post(base, "/api/v1/observations/approvals", "application/json",
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("region", demoRegion,
                            "period", period))), null, context.reviewerToken());
            approvals.add(period + ": " + (approved.statusCode() / 100 == 2 ? DemoLoader.summary(approved.body())
                    : DemoLoader.failure(approved)));
        }
        context.out().println(label + rows.size() + " values (" + DemoLoader.summary(response.body())
                + "; approved by a second coordinator — " + String.join("; ", approvals) + ")");
    }

    /**
     * The demo's periods lie in the past, closed for entry (issue 15's period locks): like any back-fill of history it
     * goes in under a period lock exception, granted here with the loader's nationwide token for an hour — recorded
     * and audited as a real one would be. Not for a period already loaded (a restart of the stack grants nothing).
     */
    private void grantBackFill(Context context, String base, List<Map<String, Object>> rows) throws Exception {
        for (String period : new TreeSet<>(rows.stream().map(r -> String.valueOf(r.get("period"))).toList())) {
            long loaded = context.getJson(base, "/api/v1/observations?region=" + demoRegion + "&period=" + period + "&size=1")
                    .path("total").asLong();
            if (loaded > 0) {
                continue;
            }
            Map<String, Object> grant = Map.of("region", demoRegion, "period", period,
                    "validUntil", Instant.now().plus(Duration.ofHours(1)).toString(),
                    "reason", "本地演示数据补录 (local demo back-fill of " + period + ")");
            HttpResponse<String> granted = context.post(base, "/api/v1/value-lock-exceptions", "application/json",
                    HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(grant)), null);
            if (granted.statusCode() != 201) {
                context.out().println("    period lock exception for " + demoRegion + " " + period + " refused ("
                        + DemoLoader.failure(granted) + ")");
            }
        }
    }
}
