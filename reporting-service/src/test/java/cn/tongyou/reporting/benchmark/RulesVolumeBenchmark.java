package cn.tongyou.reporting.benchmark;

import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.schedule.ReportingCalendar;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.ComplianceRules;
import cn.tongyou.reporting.domain.Facts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules alone (no database) on a synthetic province: 150 counties × 17 townships × 20 villages (51,000 villages),
 * a 儿童之家 in every other village, 100 targets and 60 milestones per county. Run with -Pbenchmarks.
 */
@Tag("benchmark")
class RulesVolumeBenchmark {

    @Test
    void province() {
        Map<String, Facts.Region> regions = new HashMap<>();
        List<Facts.Facility> facilities = new ArrayList<>();
        List<Facts.Target> targets = new ArrayList<>();
        List<Facts.Observation> observations = new ArrayList<>();
        Map<String, Facts.Task> tasks = new HashMap<>();
        List<Facts.Milestone> milestones = new ArrayList<>();
        Map<String, Facts.IndicatorDef> indicators = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            indicators.put("i" + i, new Facts.IndicatorDef(new Indicator("i" + i, "指标" + i, null, "领域" + (i % 5), "%", ValueType.PERCENTAGE,
                    Direction.INCREASE, 1, List.of(), Obtained.REPORTED, null, null, true, null), 1));
        }
        String province = "410000000000";
        regions.put(province, new Facts.Region(province, "省", "province", null, null, false));
        int n = 0;
        for (int p = 1; p <= 10; p++) {
            String pref = String.format("41%02d00000000", p);
            regions.put(pref, new Facts.Region(pref, "市" + p, "prefecture", province, null, false));
            for (int c = 1; c <= 15; c++) {
                String county = String.format("41%02d%02d000000", p, c);
                regions.put(county, new Facts.Region(county, "县" + c, "county", pref, null, false));
                for (int t = 1; t <= 17; t++) {
                    String town = String.format("41%02d%02d%03d000", p, c, t);
                    regions.put(town, new Facts.Region(town, "镇" + t, "township", county, null, false));
                    for (int v = 1; v <= 20; v++) {
                        String village = String.format("41%02d%02d%03d%03d", p, c, t, v);
                        regions.put(village, new Facts.Region(village, "村" + v, "village", town, null, false));
                        if (v % 2 == 0) {
                            facilities.add(new Facts.Facility("f" + n++, "children-home", village, "open", true, null, null, 1));
                        }
                    }
                }
                for (int i = 0; i < 100; i++) {
                    targets.add(new Facts.Target(county + i, "i" + i, county, 2025, "local", TargetSpec.of(TargetKind.AT_LEAST, 80), null, null,
                            List.of(), 1));
                    observations.add(new Facts.Observation("o" + county + i, "i" + i, county, Period.parse("2025H1"), BigDecimal.valueOf(70 + i % 20),
                            null, null, null, 1));
                }
                String task = "k" + county;
                tasks.put(task, new Facts.Task(task, "p", county, "1", "领域1", "任务", List.of(new Facts.UnitRef("u" + county, "卫健局")), 1));
                for (int m = 0; m < 60; m++) {
                    milestones.add(new Facts.Milestone("m" + county + m, task, "p", county, LocalDate.of(2025, 1 + m % 12, 1),
                            m % 3 == 0 ? MilestoneStatus.DONE : MilestoneStatus.OPEN, "节点", 1));
                }
            }
        }
        Facts facts = new Facts(regions, facilities, indicators, targets, observations, Map.of(), tasks, milestones, List.of(), Map.of());
        ComplianceRules rules = new ComplianceRules(new MilestoneSchedule(Clock.fixed(LocalDate.of(2025, 8, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC), 30), new ReportingCalendar(15));
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            Compliance prov = rules.compute(facts, RegionCode.parse(province), Period.parse("2025H1"));
            long t1 = System.nanoTime();
            Compliance county = rules.compute(facts, RegionCode.parse("410101000000"), Period.parse("2025H1"));
            long t2 = System.nanoTime();
            System.out.printf("[benchmark] rules: province (%d villages, %d children) %d ms, county (%d targets, %d milestones) %d ms%n",
                    prov.facilities().get(0).eligible(), prov.children().size(), (t1 - t0) / 1_000_000,
                    county.targets().size(), county.milestones().size(), (t2 - t1) / 1_000_000);
        }
    }
}
