package cn.tongyou.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The authorization matrix of a service as a test (docs/design.md §9.5): a committed, readable table gives, for every
 * operation of the service's OpenAPI document, the expected outcome for each role at each place — a nationwide token
 * ({@code CN}), a token of the region the probed record lies in ({@code in}), a token of another region ({@code out})
 * and, for reporters, a token of the right region but another unit ({@code other-unit}). The harness sends one real
 * request per cell and compares. An operation missing from the table (or a row without an operation) fails the test,
 * so a new endpoint cannot ship unclassified; a write answered 2xx must have left an audit record.
 *
 * <p>Table: {@code | operation | viewer | reporter | coordinator | admin | integration |}; a cell lists the outcomes
 * for "CN in out" (reporter: "CN in out other-unit"); an outcome is {@code ok} (authorised: any status but
 * 401/403/404/405/5xx), {@code 403} or {@code 404} (a scoped record outside the token's subtree).
 */
public final class AuthorizationMatrix {

    public static final List<String> ROLES = List.of("viewer", "reporter", "coordinator", "admin", "integration");
    static final Set<String> OUTCOMES = Set.of("ok", "403", "404");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Where the token stands relative to the probed record. */
    public enum Place { CN, IN, OUT, OTHER_UNIT }

    /** Mints a bearer header value ("Bearer …") for a role, a region claim ("CN" or a code) and a unit (may be null). */
    @FunctionalInterface
    public interface Tokens {
        String bearer(String role, String regionClaim, String unit);
    }

    /** One request; built afresh for every cell, so a supplier may create the record a DELETE removes. */
    public record Probe(String method, String path, String contentType, String body, Map<String, String> headers) {

        public static Probe get(String path) {
            return new Probe("GET", path, null, null, Map.of());
        }

        public static Probe json(String method, String path, String body) {
            return new Probe(method, path, "application/json", body, Map.of());
        }

        public static Probe csv(String method, String path, String body) {
            return new Probe(method, path, "text/csv; charset=UTF-8", body, Map.of());
        }

        public static Probe of(String method, String path) {
            return new Probe(method, path, null, null, Map.of());
        }

        public Probe header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Probe(method, path, contentType, body, more);
        }
    }

    /** One cell that did not answer as the table says. */
    public record Failure(String operation, String role, Place place, String expected, int status, String body) {
        @Override
        public String toString() {
            return operation + " as " + role + " @" + place.name().toLowerCase(Locale.ROOT) + ": expected " + expected
                    + ", got " + status + (body == null || body.isBlank() ? "" : " " + abbreviate(body));
        }
    }

    /** What a run found. */
    public record Result(int operations, int cells, List<Failure> failures, List<String> unclassified,
                         List<String> unknown, List<String> missingProbes, List<String> writesNeverApplied) {

        public boolean ok() {
            return failures.isEmpty() && unclassified.isEmpty() && unknown.isEmpty() && missingProbes.isEmpty()
                    && writesNeverApplied.isEmpty();
        }

        public String report() {
            StringBuilder text = new StringBuilder(operations + " operations, " + cells + " cells");
            if (!unclassified.isEmpty()) {
                text.append("\nin the OpenAPI document but not in the table: ").append(unclassified);
            }
            if (!unknown.isEmpty()) {
                text.append("\nin the table but not in the OpenAPI document: ").append(unknown);
            }
            if (!missingProbes.isEmpty()) {
                text.append("\nno probe for: ").append(missingProbes);
            }
            if (!writesNeverApplied.isEmpty()) {
                text.append("\nwrites no allowed cell carried out (2xx), so their audit record was never checked: ")
                        .append(writesNeverApplied);
            }
            failures.forEach(f -> text.append("\n").append(f));
            return text.toString();
        }
    }

    record Row(String operation, Map<String, List<String>> cells) {
    }

    private final List<Row> rows;
    private String openApi;
    private String baseUrl;
    private Tokens tokens;
    private String inRegion;
    private String outRegion;
    private String ownUnit;
    private String otherUnit;
    private Map<String, Supplier<Probe>> probes = Map.of();
    private LongSupplier auditCount;

    private AuthorizationMatrix(List<Row> rows) {
        this.rows = rows;
    }

    /** Reads the markdown table. */
    public static AuthorizationMatrix table(Path markdown) {
        try {
            return new AuthorizationMatrix(parse(Files.readAllLines(markdown, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> parse(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|")) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (String part : trimmed.substring(1, trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length())
                    .split("\\|", -1)) {
                columns.add(part.strip().replace("`", ""));
            }
            if (header == null) {
                header = columns;
                if (!header.get(0).equals("operation") || !header.subList(1, header.size()).equals(ROLES)) {
                    throw new IllegalArgumentException("the header must be | operation | " + String.join(" | ", ROLES) + " |");
                }
                continue;
            }
            if (columns.get(0).startsWith("-")) {
                continue;
            }
            if (columns.size() != header.size()) {
                throw new IllegalArgumentException("row has " + columns.size() + " columns: " + line);
            }
            Map<String, List<String>> cells = new LinkedHashMap<>();
            for (int i = 1; i < columns.size(); i++) {
                String role = header.get(i);
                List<String> outcomes = List.of(columns.get(i).split("\\s+"));
                int expected = role.equals("reporter") ? 4 : 3;
                if (outcomes.size() != expected || !OUTCOMES.containsAll(outcomes)) {
                    throw new IllegalArgumentException(columns.get(0) + " / " + role + ": expected " + expected
                            + " outcomes of " + OUTCOMES + ", found '" + columns.get(i) + "'");
                }
                cells.put(role, outcomes);
            }
            rows.add(new Row(normalise(columns.get(0)), cells));
        }
        if (header == null) {
            throw new IllegalArgumentException("no table found");
        }
        return rows;
    }

    public AuthorizationMatrix openApi(String json) {
        this.openApi = json;
        return this;
    }

    public AuthorizationMatrix baseUrl(String url) {
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return this;
    }

    public AuthorizationMatrix tokens(Tokens tokens) {
        this.tokens = tokens;
        return this;
    }

    public AuthorizationMatrix regions(String in, String out) {
        this.inRegion = in;
        this.outRegion = out;
        return this;
    }

    public AuthorizationMatrix units(String own, String other) {
        this.ownUnit = own;
        this.otherUnit = other;
        return this;
    }

    public AuthorizationMatrix probes(Map<String, Supplier<Probe>> byOperation) {
        Map<String, Supplier<Probe>> normalised = new LinkedHashMap<>();
        byOperation.forEach((operation, probe) -> normalised.put(normalise(operation), probe));
        this.probes = normalised;
        return this;
    }

    /** Counts the audit records of changes (e.g. {@code select count(*) from audit_record where outcome = 'CHANGED'}). */
    public AuthorizationMatrix auditCount(LongSupplier count) {
        this.auditCount = count;
        return this;
    }

    /** The operations of an OpenAPI document, as "METHOD /path". */
    public static Set<String> operations(String openApiJson) {
        try {
            JsonNode paths = new ObjectMapper().readTree(openApiJson).path("paths");
            Set<String> operations = new TreeSet<>();
            Iterator<Map.Entry<String, JsonNode>> entries = paths.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> path = entries.next();
                if (path.getKey().startsWith("/q/")) {
                    continue;
                }
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends every cell's request; denied cells first, so that an allowed DELETE cannot hide a later 404. */
    public Result run() {
        Set<String> documented = operations(openApi);
        Set<String> tabled = new TreeSet<>();
        rows.forEach(row -> tabled.add(row.operation()));
        List<String> unclassified = documented.stream().filter(op -> !tabled.contains(op)).toList();
        List<String> unknown = tabled.stream().filter(op -> !documented.contains(op)).toList();
        List<String> missingProbes = tabled.stream().filter(op -> !probes.containsKey(op)).toList();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Failure> failures = new ArrayList<>();
        Set<String> applied = new TreeSet<>();
        int cells = 0;
        for (boolean deniedPass : new boolean[] {true, false}) {
            for (Row row : rows) {
                Supplier<Probe> probe = probes.get(row.operation());
                if (probe == null) {
                    continue;
                }
                for (Map.Entry<String, List<String>> cell : row.cells().entrySet()) {
                    List<String> outcomes = cell.getValue();
                    for (int i = 0; i < outcomes.size(); i++) {
                        String expected = outcomes.get(i);
                        if (expected.equals("ok") == deniedPass) {
                            continue;
                        }
                        cells++;
                        Place place = Place.values()[i];
                        Failure failure = check(client, row.operation(), cell.getKey(), place, expected, probe.get(),
                                applied);
                        if (failure != null) {
                            failures.add(failure);
                        }
                    }
                }
            }
        }
        List<String> writesNeverApplied = rows.stream().map(Row::operation)
                .filter(op -> WRITES.contains(op.substring(0, op.indexOf(' '))) && probes.containsKey(op))
                .filter(op -> rows.stream().filter(r -> r.operation().equals(op))
                        .anyMatch(r -> r.cells().values().stream().anyMatch(o -> o.contains("ok"))))
                .filter(op -> !applied.contains(op)).toList();
        return new Result(rows.size(), cells, failures, unclassified, unknown, missingProbes, writesNeverApplied);
    }

    private Failure check(HttpClient client, String operation, String role, Place place, String expected, Probe probe,
            Set<String> applied) {
        String region = switch (place) {
            case CN -> RegionScope.NATIONWIDE;
            case IN, OTHER_UNIT -> inRegion;
            case OUT -> outRegion;
        };
        String unit = role.equals("reporter") ? (place == Place.OTHER_UNIT ? otherUnit : ownUnit) : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + probe.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", tokens.bearer(role, region, unit));
        probe.headers().forEach(request::header);
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body(), StandardCharsets.UTF_8));
        long auditBefore = auditCount == null ? 0 : auditCount.getAsLong();
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Failure(operation, role, place, expected, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        boolean matches = switch (expected) {
            case "ok" -> status != 401 && status != 403 && status != 404 && status != 405 && status < 500;
            default -> status == Integer.parseInt(expected);
        };
        if (!matches) {
            return new Failure(operation, role, place, expected, status, response.body());
        }
        if (expected.equals("ok") && WRITES.contains(probe.method()) && status >= 200 && status < 300) {
            applied.add(operation);
        }
        if (expected.equals("ok") && WRITES.contains(probe.method()) && status >= 200 && status < 300
                && auditCount != null && auditCount.getAsLong() <= auditBefore) {
            return new Failure(operation, role, place, "an audit record of the change", status, "none written");
        }
        return null;
    }

    private static String normalise(String operation) {
        String[] parts = operation.strip().split("\\s+", 2);
        return parts[0].toUpperCase(Locale.ROOT) + " " + (parts.length > 1 ? parts[1] : "");
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
