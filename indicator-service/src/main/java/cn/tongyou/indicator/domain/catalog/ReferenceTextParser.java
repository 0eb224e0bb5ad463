package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.indicator.TargetSpec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the national (国纲) and provincial targets a development plan quotes beside its own, e.g.
 * "河南省目标为 2025 年分别下降到 2‰、4‰和 5‰，2030 年在此基础上分别下降到 3‰、5‰和 6‰".
 *
 * <p>The text is cut at each "YYYY 年" into per-year segments ("以 2020 年为基数" is a baseline, not a year); a segment
 * without a year belongs to the earliest year of the local targets that no other segment names, or to the plan's end
 * year when it stands alone (the national programme's targets are for 2030). In a segment the values (numbers with % or
 * ‰, and "以 X 年为基数下降 Y%" reductions) are taken in order: when there are as many as indicators quote the text
 * ("分别"), the indicator's position picks its value; a single value belongs to every one of them. The comparison
 * follows the local target's direction and is inclusive, as 以上/以下/达到/降至 are. What cannot be read stays text.
 */
public final class ReferenceTextParser {

    private static final Pattern REDUCTION = Pattern.compile("以\\s*(\\d{4})\\s*年为基数下降\\s*(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年");
    private static final Pattern VALUE = Pattern.compile("§(\\d+)§|(\\d+(?:\\.\\d+)?)\\s*(%|‰)");
    private static final Pattern SAME_AS_NATIONAL = Pattern.compile("与国纲目标相同|与国家目标相同");

    private ReferenceTextParser() {
    }

    /** A reference target read from the text: the spec is null when the value could not be read. */
    public record Parsed(int year, TargetSpec spec, String segment) {
    }

    public static boolean sameAsNational(String text) {
        return text != null && SAME_AS_NATIONAL.matcher(text).find();
    }

    /**
     * @param text          the quoted reference text
     * @param siblingIndex  this indicator's position among the indicators quoting the same text (0-based)
     * @param siblingCount  how many indicators quote it
     * @param localTargets  the local targets of this indicator by year (to pick years and the direction)
     * @param direction     the indicator's direction, when no local comparison tells it
     * @param endYear       the plan's end year, for a text that names no year
     */
    public static List<Parsed> parse(String text, int siblingIndex, int siblingCount, Map<Integer, TargetSpec> localTargets,
                                     Direction direction, int endYear) {
        List<Parsed> result = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        List<BigDecimal[]> reductions = new ArrayList<>();
        Matcher r = REDUCTION.matcher(text);
        StringBuilder protectedText = new StringBuilder();
        while (r.find()) {
            reductions.add(new BigDecimal[]{new BigDecimal(r.group(1)), new BigDecimal(r.group(2))});
            r.appendReplacement(protectedText, "§" + (reductions.size() - 1) + "§");
        }
        r.appendTail(protectedText);
        String s = protectedText.toString();

        Map<Integer, String> segments = new LinkedHashMap<>();
        Matcher y = YEAR.matcher(s);
        int lastStart = 0;
        Integer lastYear = null;
        String leading = null;
        while (y.find()) {
            String before = s.substring(lastStart, y.start());
            if (lastYear == null) {
                leading = before;
            } else {
                segments.merge(lastYear, before, String::concat);
            }
            lastYear = Integer.parseInt(y.group(1));
            lastStart = y.end();
        }
        if (lastYear == null) {
            leading = s;
        } else {
            segments.merge(lastYear, s.substring(lastStart), String::concat);
        }
        if (leading != null && hasValue(leading)) {
            SortedSet<Integer> free = new TreeSet<>(localTargets.keySet());
            free.removeAll(segments.keySet());
            int year = segments.isEmpty() || free.isEmpty() ? endYear : free.first();
            Map<Integer, String> ordered = new LinkedHashMap<>();
            ordered.put(year, leading);
            segments.forEach((k, v) -> ordered.merge(k, v, String::concat));
            segments = ordered;
        }
        for (Map.Entry<Integer, String> segment : segments.entrySet()) {
            List<TargetSpec> values = values(segment.getValue(), reductions, segment.getKey(), localTargets, direction);
            if (values.isEmpty()) {
                continue;
            }
            TargetSpec chosen;
            if (values.size() == siblingCount && siblingIndex < values.size()) {
                chosen = values.get(siblingIndex);
            } else if (values.size() == 1) {
                chosen = values.get(0);
            } else {
                chosen = null;
            }
            result.add(new Parsed(segment.getKey(), chosen, segment.getValue().strip()));
        }
        return result;
    }

    private static boolean hasValue(String segment) {
        return VALUE.matcher(segment).find();
    }

    private static List<TargetSpec> values(String segment, List<BigDecimal[]> reductions, int year,
                                           Map<Integer, TargetSpec> localTargets, Direction direction) {
        List<TargetSpec> specs = new ArrayList<>();
        Matcher m = VALUE.matcher(segment);
        while (m.find()) {
            if (m.group(1) != null) {
                BigDecimal[] reduction = reductions.get(Integer.parseInt(m.group(1)));
                specs.add(new TargetSpec(TargetKind.REDUCE_PCT_FROM_BASELINE, reduction[1], null, null,
                        reduction[0].intValueExact(), null));
            } else {
                TargetKind kind = comparison(year, localTargets, direction, segment);
                specs.add(kind == null ? null : TargetSpec.of(kind, new BigDecimal(m.group(2))));
            }
        }
        return specs.contains(null) ? List.of() : specs;
    }

    /** ≥ or ≤, following the local target of that year (or any year), else the indicator's direction or the words. */
    private static TargetKind comparison(int year, Map<Integer, TargetSpec> localTargets, Direction direction, String words) {
        TargetSpec local = localTargets.get(year);
        Direction d = local != null && local.kind().isComparison() ? local.kind().direction() : null;
        if (d == null) {
            for (TargetSpec t : localTargets.values()) {
                if (t.kind().isComparison()) {
                    d = t.kind().direction();
                    break;
                }
            }
        }
        if (d == null || d == Direction.TARGET) {
            d = direction;
        }
        if (d == Direction.INCREASE) {
            return TargetKind.AT_LEAST;
        }
        if (d == Direction.DECREASE) {
            return TargetKind.AT_MOST;
        }
        if (words.contains("以上")) {
            return TargetKind.AT_LEAST;
        }
        if (words.contains("以下") || words.contains("降至") || words.contains("下降到")) {
            return TargetKind.AT_MOST;
        }
        return null;
    }
}
