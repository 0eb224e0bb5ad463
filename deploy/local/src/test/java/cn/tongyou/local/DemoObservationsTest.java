package cn.tongyou.local;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoObservationsTest {

    static DemoObservations.Target target(String code, int year, String kind, String value) {
        return new DemoObservations.Target(code, year, kind, value == null ? null : new BigDecimal(value), false);
    }

    @Test
    void inventsValuesThatMeetTwoTargetsInThreeAndSaySoInTheirSource() {
        List<DemoObservations.Target> targets = new ArrayList<>();
        targets.add(target("a-rate", 2025, "<=", "2.5"));
        targets.add(target("b-share", 2025, ">=", "90"));
        targets.add(target("c-share", 2025, ">=", "95"));
        targets.add(target("d-full", 2025, ">=", "100"));
        targets.add(target("e-strict-full", 2025, ">", "100")); // no share can meet it: left out
        targets.add(target("f-yes-no", 2025, "bool", null));   // not numeric: left out
        targets.add(target("g-later", 2030, ">=", "50"));      // another year: left out

        List<Map<String, Object>> rows = DemoObservations.invented("410182", 2025, targets, Map.of());

        assertThat(rows).extracting(r -> r.get("indicator") + "@" + r.get("period") + "=" + r.get("value"))
                .containsExactly("a-rate@2025=2.12", "b-share@2025=97.20", "c-share@2025=80.75", "d-full@2025=100");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("source")).isEqualTo(DemoObservations.INVENTED));
        assertThat(rows.get(2).get("note")).isEqualTo("demo value missing the 2025 target >= 95");
    }

    @Test
    void anInventedCountIsAWholeNumberOnTheRightSideOfTheLine() {
        List<Map<String, Object>> rows = DemoObservations.invented("410182", 2025, List.of(
                new DemoObservations.Target("a-count", 2025, ">=", BigDecimal.TEN, true),
                new DemoObservations.Target("b-count", 2025, "<=", new BigDecimal("3"), true),
                new DemoObservations.Target("c-count", 2025, ">=", BigDecimal.ONE, true)), Map.of());
        // 10 × 1.08 = 10.8 → 11 (meets); 3 × 0.85 = 2.55 → 2 (meets); 1 × 0.85 = 0.85 → 0 (misses)
        assertThat(rows).extracting(r -> r.get("indicator") + "=" + r.get("value"))
                .containsExactly("a-count=11", "b-count=2", "c-count=0");
    }

    @Test
    void anInventedRateComesWithInventedParts() {
        List<Map<String, Object>> rows = DemoObservations.invented("410182", 2025,
                List.of(target("neonatal-mortality", 2025, "<=", "2.5")),
                Map.of("neonatal-mortality", BigDecimal.valueOf(1000)));
        // 2.5 × 0.85 = 2.125, rounded down to 2.12‰ of 10,000 births: 21.2
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r).doesNotContainKey("value");
            assertThat(r.get("numerator")).isEqualTo(new BigDecimal("21.20"));
            assertThat(r.get("denominator")).isEqualTo(BigDecimal.valueOf(10_000));
        });
    }
}
