package cn.tongyou.local;

import cn.tongyou.local.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegionsDemoLoaderTest {

    @Test
    void aDivisionCodeGivesTheCodePrefixOfItsSubtree() {
        assertThat(RegionsDemoLoader.prefix("410182")).isEqualTo("410182");
        assertThat(RegionsDemoLoader.prefix("441400")).isEqualTo("4414");
        assertThat(RegionsDemoLoader.prefix("410000")).isEqualTo("41");
    }

    @Test
    void theFivePlanRegionsHave3058VillagesAndCommunities() throws Exception {
        DemoLoader.Context context = new DemoLoader.Context(HttpClient.newHttpClient(), Map.of(),
                SharedData.dir(), new PrintStream(new ByteArrayOutputStream()));
        Map<String, String> regions = RegionsDemoLoader.planRegions(context);
        assertThat(regions).containsExactly(Map.entry("410182", "荥阳市"), Map.entry("410106", "上街区"),
                Map.entry("4414", "梅州市"), Map.entry("410402", "新华区"), Map.entry("371502", "东昌府区"));
        long villages;
        try (var lines = Files.lines(SharedData.divisions("villages.csv"))) {
            villages = lines.filter(line -> regions.keySet().stream().anyMatch(line::startsWith)).count();
        }
        assertThat(villages).isEqualTo(3_058);
    }
}
