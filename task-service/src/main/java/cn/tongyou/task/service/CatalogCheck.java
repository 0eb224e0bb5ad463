package cn.tongyou.task.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.task.domain.MilestoneTarget;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a catalogue document before anything is written, naming each problem by its JSON path
 * ({@code tasks[12].milestones[0].value_max}) so that a coordinator can fix the file.
 */
final class CatalogCheck {

    static final int MAX_TASKS = 2_000;
    static final int MAX_MILESTONES_PER_TASK = 200;
    static final int MAX_UNITS_PER_LIST = 100;
    private static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9-]{0,49}$");

    private CatalogCheck() {
    }

    /** A task's identity within its plan: domain and number (上街区 restarts numbering in each domain). */
    static String taskKey(String domain, String number) {
        return domain.strip() + "\u001f" + number.strip();
    }

    /** The region the document is for: the override, else its division_code (issues when neither is usable). */
    static RegionCode region(CatalogPlan doc, String override, List<Issue> issues) {
        String fromDoc = doc.region() == null ? null : doc.region().divisionCode();
        RegionCode documentRegion = null;
        if (fromDoc != null && !fromDoc.isBlank()) {
            try {
                documentRegion = RegionCode.parse(fromDoc);
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("region.division_code", Message.of(e)));
            }
        }
        if (override != null && !override.isBlank()) {
            RegionCode given;
            try {
                given = RegionCode.parse(override);
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("region", Message.of(e)));
                return null;
            }
            if (documentRegion != null && !documentRegion.equals(given)) {
                issues.add(Issue.of("region", "task.import.region-differs", documentRegion.value(), given.value()));
            }
            return given;
        }
        if (documentRegion == null && (fromDoc == null || fromDoc.isBlank())) {
            issues.add(Issue.of("region.division_code", "task.import.no-division-code"));
        }
        return documentRegion;
    }

    static List<Issue> check(CatalogPlan d) {
        List<Issue> issues = new ArrayList<>();
        text(issues, "document", d.document(), true, 300);
        text(issues, "source", d.source(), false, 200);
        text(issues, "issuer_ref", d.issuerRef(), false, 100);
        if (d.documentKind() != null && !KIND.matcher(d.documentKind()).matches()) {
            issues.add(Issue.of("document_kind", "task.import.kind", d.documentKind()));
        }
        if (d.region() != null) {
            text(issues, "region.name", d.region().name(), false, 100);
        }
        if (d.horizonYears() != null) {
            for (int i = 0; i < d.horizonYears().size(); i++) {
                Integer year = d.horizonYears().get(i);
                if (year == null || year < 1949 || year > 2100) {
                    issues.add(Issue.of("horizon_years[" + i + "]", "task.field.year"));
                }
            }
        }
        if (d.domains() != null) {
            for (int i = 0; i < d.domains().size(); i++) {
                text(issues, "domains[" + i + "]", d.domains().get(i), true, 50);
            }
        }
        List<CatalogPlan.CatalogTask> tasks = d.tasks() == null ? List.of() : d.tasks();
        if (tasks.size() > MAX_TASKS) {
            issues.add(Issue.of("tasks", "task.import.max-tasks", MAX_TASKS));
            return issues;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            String path = "tasks[" + i + "]";
            CatalogPlan.CatalogTask t = tasks.get(i);
            if (t == null) {
                issues.add(Issue.of(path, "task.import.task-null"));
                continue;
            }
            text(issues, path + ".number", t.number(), true, 30);
            text(issues, path + ".domain", t.domain(), true, 50);
            text(issues, path + ".section", t.section(), false, 300);
            text(issues, path + ".title", t.title(), true, 300);
            text(issues, path + ".summary", t.summary(), false, 4000);
            units(issues, path + ".lead_units", t.leadUnits());
            units(issues, path + ".participating_units", t.participatingUnits());
            if (t.number() != null && t.domain() != null) {
                Integer first = seen.putIfAbsent(taskKey(t.domain(), t.number()), i);
                if (first != null) {
                    issues.add(Issue.of(path + ".number", "task.import.number-twice", t.number().strip(), t.domain().strip(), first));
                }
            }
            List<CatalogPlan.CatalogMilestone> milestones = t.milestones() == null ? List.of() : t.milestones();
            if (milestones.size() > MAX_MILESTONES_PER_TASK) {
                issues.add(Issue.of(path + ".milestones", "task.import.max-milestones", MAX_MILESTONES_PER_TASK));
                continue;
            }
            for (int j = 0; j < milestones.size(); j++) {
                milestone(issues, path + ".milestones[" + j + "]", milestones.get(j));
            }
        }
        return issues;
    }

    private static void milestone(List<Issue> issues, String path, CatalogPlan.CatalogMilestone m) {
        if (m == null) {
            issues.add(Issue.of(path, "task.import.milestone-null"));
            return;
        }
        text(issues, path + ".statement", m.statement(), true, 1000);
        text(issues, path + ".metric", m.metric(), false, 300);
        text(issues, path + ".note", m.note(), false, 2000);
        Value value = value(m.value());
        if (value == null) {
            issues.add(Issue.of(path + ".value", "task.milestone.value-type"));
            return;
        }
        MilestoneTarget target = new MilestoneTarget(m.comparator(), value.number(), value.bool(), m.valueMax(), m.unit(),
                m.baselineYear(), m.facilityType());
        target.check("value", "value_max", "baseline_year", "facility_type", "unit")
                .forEach(issue -> issues.add(issue.prefixed(path)));
    }

    /** A catalogue value: a number, a boolean, or nothing; null when it is neither. */
    record Value(BigDecimal number, Boolean bool) {
    }

    static Value value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new Value(null, null);
        }
        if (node.isNumber()) {
            return new Value(node.decimalValue(), null);
        }
        if (node.isBoolean()) {
            return new Value(null, node.booleanValue());
        }
        return null;
    }

    private static void units(List<Issue> issues, String path, List<String> names) {
        if (names == null) {
            return;
        }
        if (names.size() > MAX_UNITS_PER_LIST) {
            issues.add(Issue.of(path, "task.import.max-units", MAX_UNITS_PER_LIST));
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            text(issues, path + "[" + i + "]", names.get(i), true, 100);
        }
    }

    private static void text(List<Issue> issues, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                issues.add(Issue.of(field, "common.field.required"));
            }
            return;
        }
        if (value.length() > max) {
            issues.add(Issue.of(field, "task.field.length", max, value.length()));
        }
    }
}
