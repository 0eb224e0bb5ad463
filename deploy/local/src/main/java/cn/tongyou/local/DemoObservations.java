package cn.tongyou.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Observations for the demonstration region, as rows of {@code POST /api/v1/observations/batch}: <b>invented
 * values</b> for a few of its numeric targets of the plan's first year, so that a first snapshot of that year shows met
 * and missed targets side by side. Their source says "演示数据（虚构，非统计数字）": they are not statistics.
 *
 * <p>Why invented: the plans report almost no figure for their own indicators. The few they do (新华区: 5岁以下儿童生长迟缓率
 * 0.98%) are rates of computed indicators, which indicator-service keeps as numerator and denominator; the plans give
 * neither, and making them up would corrupt roll-ups of real data.
 */
public final class DemoObservations {

    /** Source of every invented value: no reader may take it for a statistic. */
    static final String INVENTED = "演示数据（虚构，非统计数字）";
    /** How many targets of the demonstration region get an invented value. */
    static final int INVENTED_TARGETS = 9;

    /**
     * A local target as {@code GET /api/v1/targets} lists it (the fields used here).
     *
     * @param whole its indicator counts things (value type count): values are whole numbers
     */
    public record Target(String indicatorCode, int year, String kind, BigDecimal value, boolean whole) {

        static Target of(JsonNode t, boolean whole) {
            return new Target(t.path("indicatorCode").asText(), t.path("year").asInt(),
                    t.path("kind").asText(), t.path("value").isNumber() ? t.path("value").decimalValue() : null, whole);
        }
    }

    private DemoObservations() {
    }

    /**
     * Invented values for the first {@value #INVENTED_TARGETS} numeric threshold targets of {@code year} (by
     * indicator code), reported for that year (2025 has ended): two of three meet their target, every third misses it.
     */
    public static List<Map<String, Object>> invented(String regionCode, int year, List<Target> targets,
                                                     Map<String, BigDecimal> computedScales) {
        List<Target> numeric = targets.stream()
                .filter(t -> t.year() == year && t.value() != null && Set.of(">=", ">", "<=", "<").contains(t.kind()))
                .sorted(Comparator.comparing(Target::indicatorCode))
                .toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Target t : numeric) {
            if (rows.size() == INVENTED_TARGETS || !seen.add(t.indicatorCode())) {
                continue;
            }
            boolean meets = rows.size() % 3 != 2;
            boolean atMost = t.kind().startsWith("<");
            // a margin of 8–15% either side: clearly on one side of the line, still plausible; a share stays ≤ 100
            BigDecimal factor = BigDecimal.valueOf(atMost == meets ? 0.85 : 1.08);
            BigDecimal value = t.value().multiply(factor).setScale(t.whole() ? 0 : 2,
                    factor.compareTo(BigDecimal.ONE) < 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
            if (t.value().compareTo(HUNDRED) <= 0 && value.compareTo(HUNDRED) > 0) {
                value = HUNDRED;
            }
            if (satisfies(t, value) != meets) {
                continue; // e.g. "> 100": no share can meet it
            }
            Map<String, Object> row = row(t.indicatorCode(), regionCode, Integer.toString(year), value, INVENTED,
                    "demo value " + (meets ? "meeting" : "missing") + " the " + year + " target " + t.kind() + " " + t.value().toPlainString());
            BigDecimal scale = computedScales.get(t.indicatorCode());
            if (scale != null) {
                // invented parts too: value = numerator ÷ denominator × scale
                row.remove("value");
                row.put("numerator", value.multiply(INVENTED_DENOMINATOR).divide(scale, 2, RoundingMode.HALF_UP));
                row.put("denominator", INVENTED_DENOMINATOR);
            }
            rows.add(row);
        }
        return rows;
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal INVENTED_DENOMINATOR = BigDecimal.valueOf(10_000);

    private static boolean satisfies(Target t, BigDecimal value) {
        int c = value.compareTo(t.value());
        return switch (t.kind()) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c < 0;
        };
    }

    private static Map<String, Object> row(String indicator, String region, String period, BigDecimal value,
                                           String source, String note) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("indicator", indicator);
        row.put("region", region);
        row.put("period", period);
        row.put("value", value);
        row.put("source", source);
        if (note != null) {
            row.put("note", note.length() > 2000 ? note.substring(0, 2000) : note);
        }
        return row;
    }
}
