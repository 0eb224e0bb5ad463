package cn.tongyou.reporting.events;

import static io.restassured.RestAssured.given;

/** Reads one sample from the Prometheus endpoint, as a scraper would. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The value of the first sample of {@code name} whose labels contain {@code label} (e.g. {@code topic="cfc.plans"},
     * or "" for none), or null when there is none.
     */
    public static Double value(String name, String label) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String sample = line.substring(0, line.lastIndexOf(' '));
            String metric = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
            if (metric.equals(name) && sample.contains(label)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }
}
