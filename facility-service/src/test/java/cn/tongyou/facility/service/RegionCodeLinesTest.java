package cn.tongyou.facility.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionCodeLinesTest {

    @Test
    void remembersTheFirstLineOfEachCodeThroughGrowth() {
        RegionCodeLines table = new RegionCodeLines();
        // a township's villages are neighbouring numbers; 20,000 of them make the table grow several times
        for (int i = 0; i < 20_000; i++) {
            assertThat(table.putIfAbsent(String.valueOf(410182101000L + i), i + 2)).isZero();
        }
        assertThat(table.putIfAbsent("410182101000", 99)).isEqualTo(2);
        assertThat(table.putIfAbsent("410182101999", 99)).isEqualTo(1001);
        assertThat(table.contains("410182120999")).isTrue();
        assertThat(table.contains("410182121000")).isFalse();
        assertThat(table.contains("110000000000")).isFalse();
        assertThat(table.putIfAbsent("110000000000", 5)).isZero();
        assertThat(table.contains("110000000000")).isTrue();
    }
}
