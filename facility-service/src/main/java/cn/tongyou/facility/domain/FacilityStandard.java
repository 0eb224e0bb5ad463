package cn.tongyou.facility.domain;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a facility's checklist meets its type's standard: every required item must be met (a boolean item
 * true, a number item at least its minimum). A type without a checklist has no national standard to check, so any
 * facility of it meets the standard (coverage still counts only open ones).
 */
public final class FacilityStandard {

    private FacilityStandard() {
    }

    /**
     * @param meetsStandard whether every required item is met
     * @param gaps          codes of the required items not met (missing, false or below the minimum), in the type's order
     * @param problems      values that cannot be evaluated: unknown items, values of the wrong type, negative numbers
     */
    public record Evaluation(boolean meetsStandard, List<String> gaps, List<Issue> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Evaluation evaluate(FacilityType type, Map<String, ?> checklist) {
        Map<String, ?> values = checklist == null ? Map.of() : checklist;
        List<Issue> problems = new ArrayList<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String field = "checklist." + entry.getKey();
            Optional<ChecklistItem> item = type.item(entry.getKey());
            if (item.isEmpty()) {
                problems.add(type.hasChecklist() ? Issue.of(field, "facility.checklist.unknown-item", type.code(), itemCodes(type))
                        : Issue.of(field, "facility.checklist.none", type.code()));
                continue;
            }
            Optional<Message> wrongType = item.get().valueType().problem(entry.getValue());
            if (wrongType.isPresent()) {
                problems.add(new Issue(field, wrongType.get()));
            } else if (entry.getValue() instanceof Number n && n.doubleValue() < 0) {
                problems.add(Issue.of(field, "common.target.negative"));
            }
        }
        List<String> gaps = new ArrayList<>();
        for (ChecklistItem item : type.checklist()) {
            Object value = values.get(item.code());
            boolean valueOk = item.valueType().problem(value).isEmpty();
            if (item.required() && !(valueOk && item.isMetBy(value))) {
                gaps.add(item.code());
            }
        }
        return new Evaluation(gaps.isEmpty(), List.copyOf(gaps), List.copyOf(problems));
    }

    private static String itemCodes(FacilityType type) {
        return String.join(", ", type.checklist().stream().map(ChecklistItem::code).toList());
    }
}
