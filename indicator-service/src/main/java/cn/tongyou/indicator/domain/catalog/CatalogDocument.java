package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.common.i18n.InvalidInput;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One structured plan of {@code ../shared/catalog/} (see its SCHEMA.md), reduced to what the indicator catalogue
 * needs. Read tolerantly: fields beyond the schema (note, key_project_number …) are ignored, missing ones are null.
 */
public record CatalogDocument(String source, String document, String kind, RegionRef region, List<Integer> horizonYears,
                              List<String> domains, List<Item> indicators, List<Task> tasks,
                              List<FacilityTarget> facilityTargets, String issued) {

    public record RegionRef(String name, String level, String parent, String province, String divisionCode) {
    }

    /** One row of an indicator table or goal list. */
    public record Item(String number, String domain, String name, String nameEn, String unit, List<TargetText> targets,
                       List<Reference> references, List<String> responsibleUnits, String quote) {
    }

    /** A target as the catalogue writes it. */
    public record TargetText(Integer year, String text, String comparator, BigDecimal value, BigDecimal valueMax,
                             Boolean boolValue, Integer baselineYear, Integer relativeTo) {
    }

    public record Reference(String level, String text) {
    }

    public record Task(String number, String domain, String title, List<String> leadUnits, List<Milestone> milestones) {
    }

    public record Milestone(String by, String statement, String metric, String comparator, BigDecimal value,
                            BigDecimal valueMax, Boolean boolValue, String unit, Integer baselineYear, String facilityType,
                            String note) {
    }

    /** @param note how the catalogue read an ambiguity (sub-kind, undated "今年" …); keyProjectNumber for a key project's target */
    public record FacilityTarget(String facilityType, String by, String kind, String scope, String comparator,
                                 BigDecimal value, BigDecimal valueMax, String unit, String quote, String taskNumber,
                                 String note, String keyProjectNumber) {
    }

    /**
     * Reads a catalogue document.
     *
     * @throws IllegalArgumentException naming what is missing when the JSON is not a catalogue document
     */
    public static CatalogDocument from(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInput("indicator.catalogue.not-object");
        }
        if (!root.path("indicators").isArray() || !root.path("tasks").isArray() || !root.path("region").isObject()) {
            throw new InvalidInput("indicator.catalogue.not-document");
        }
        JsonNode r = root.path("region");
        RegionRef region = new RegionRef(text(r, "name"), text(r, "level"), text(r, "parent"), text(r, "province"),
                text(r, "division_code"));
        List<Integer> horizon = new ArrayList<>();
        root.path("horizon_years").forEach(y -> {
            if (y.canConvertToInt()) {
                horizon.add(y.asInt());
            }
        });
        List<String> domains = strings(root.path("domains"));
        List<Item> items = new ArrayList<>();
        for (JsonNode i : root.path("indicators")) {
            List<TargetText> targets = new ArrayList<>();
            for (JsonNode t : i.path("targets")) {
                JsonNode value = t.path("value");
                targets.add(new TargetText(integer(t, "year"), text(t, "text"), text(t, "comparator"),
                        value.isNumber() ? value.decimalValue() : null, decimal(t, "value_max"),
                        value.isBoolean() ? value.asBoolean() : null, integer(t, "baseline_year"), integer(t, "relative_to")));
            }
            List<Reference> references = new ArrayList<>();
            for (JsonNode ref : i.path("reference_targets")) {
                references.add(new Reference(text(ref, "level"), text(ref, "text")));
            }
            items.add(new Item(text(i, "number"), text(i, "domain"), text(i, "name"), text(i, "name_en"), text(i, "unit"),
                    targets, references, strings(i.path("responsible_units")), text(i, "quote")));
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : root.path("tasks")) {
            List<Milestone> milestones = new ArrayList<>();
            for (JsonNode m : t.path("milestones")) {
                JsonNode value = m.path("value");
                milestones.add(new Milestone(text(m, "by"), text(m, "statement"), text(m, "metric"), text(m, "comparator"),
                        value.isNumber() ? value.decimalValue() : null, decimal(m, "value_max"),
                        value.isBoolean() ? value.asBoolean() : null, text(m, "unit"), integer(m, "baseline_year"),
                        text(m, "facility_type"), text(m, "note")));
            }
            tasks.add(new Task(text(t, "number"), text(t, "domain"), text(t, "title"), strings(t.path("lead_units")), milestones));
        }
        List<FacilityTarget> facilityTargets = new ArrayList<>();
        for (JsonNode f : root.path("facility_targets")) {
            JsonNode value = f.path("value");
            facilityTargets.add(new FacilityTarget(text(f, "facility_type"), text(f, "by"), text(f, "kind"), text(f, "scope"),
                    text(f, "comparator"), value.isNumber() ? value.decimalValue() : null, decimal(f, "value_max"),
                    text(f, "unit"), text(f, "quote"), text(f, "task_number"), text(f, "note"), text(f, "key_project_number")));
        }
        return new CatalogDocument(text(root, "source"), text(root, "document"), text(root, "document_kind"), region,
                horizon, domains, items, tasks, facilityTargets, text(root, "issued"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.isBlank() ? null : s.strip();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.canConvertToInt() && v.isIntegralNumber() ? v.asInt() : null;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() ? v.decimalValue() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(s -> {
            if (s.isTextual() && !s.asText().isBlank()) {
                result.add(s.asText().strip());
            }
        });
        return result;
    }
}
