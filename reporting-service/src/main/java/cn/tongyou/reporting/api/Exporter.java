package cn.tongyou.reporting.api;

import cn.tongyou.common.export.SpreadsheetText;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.reporting.domain.Compliance;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreadsheet forms of a compliance view, with Chinese headers: CSV (UTF-8 with a byte-order mark, so that Excel
 * reads the Chinese text) and XLSX (汇总, one sheet per domain, 责任单位, 预警). Every text cell passes through
 * common's {@link SpreadsheetText#neutralise}: a name, statement or unit starting with {@code = + - @}, a tab or a CR
 * (e.g. {@code =HYPERLINK(…)}) is written with a leading {@code '} so the 妇儿工委's spreadsheet never runs it as a
 * formula; numbers (a negative value included) are written as they are.
 */
public final class Exporter {

    static final List<String> ITEM_HEADERS = List.of("类别", "领域", "编号", "事项", "地区代码", "年度/期限", "状态", "当前值", "数值期", "目标值",
            "进度线要求", "说明", "责任单位", "版本");
    static final List<String> UNIT_HEADERS = List.of("单位", "逾期节点", "未报送调度", "未达标/有风险目标");

    private Exporter() {
    }

    /** A number already formatted for display: written as it is, never neutralised (a negative value is no formula). */
    record Shown(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The cell as written: text neutralised against formula injection, numbers and formatted numbers unchanged. */
    static Object cell(Object value) {
        return value instanceof String text ? SpreadsheetText.neutralise(text) : value;
    }

    private static List<Object> cells(List<?> row) {
        List<Object> out = new ArrayList<>(row.size());
        row.forEach(v -> out.add(cell(v)));
        return out;
    }

    public static String zh(String status) {
        if (status == null) {
            return "不计";
        }
        try {
            return Status.valueOf(status).chinese();
        } catch (IllegalArgumentException e) {
            return status;
        }
    }

    /** One row per target, milestone and facility coverage, grouped by domain. */
    static Map<String, List<List<Object>>> rowsByDomain(Compliance c) {
        Map<String, List<List<Object>>> byDomain = new LinkedHashMap<>();
        for (Compliance.TargetItem t : c.targets()) {
            byDomain.computeIfAbsent(t.domain(), k -> new ArrayList<>()).add(List.of("指标目标", t.domain(), t.indicatorCode(),
                    t.indicatorName() + (t.text() == null ? "" : "（" + t.text() + "）"), t.regionCode(), String.valueOf(t.year()),
                    zh(t.status()), num(t.value()), s(t.valuePeriod()), num(t.targetValue()), num(t.expected()), s(t.explanation()),
                    String.join("、", t.responsibleUnits()), t.version()));
        }
        for (Compliance.MilestoneItem m : c.milestones()) {
            String state = switch (m.state()) {
                case "overdue" -> "逾期" + m.daysOverdue() + "天";
                case "due-soon" -> "即将到期";
                case "done" -> "已完成";
                case "cancelled" -> "已取消";
                default -> "进行中";
            };
            byDomain.computeIfAbsent(m.domain(), k -> new ArrayList<>()).add(List.of("任务节点", m.domain(),
                    s(m.taskNumber()), s(m.statement()), m.regionCode(), m.dueDate() == null ? "" : m.dueDate().toString(),
                    zh(m.status()), state, "", "", "", s(m.taskTitle()), String.join("、", m.leadUnits()), m.version()));
        }
        for (Compliance.FacilityItem f : c.facilities()) {
            byDomain.computeIfAbsent("设施覆盖", k -> new ArrayList<>()).add(List.of("设施覆盖", "设施覆盖", f.facilityType(),
                    ("children-home".equals(f.facilityType()) ? "儿童之家" : f.facilityType()) + "覆盖（" + f.unitLevel() + "）", c.region(), c.period(),
                    f.ratio() == null ? "无数据" : String.format("%.2f%%", f.ratio() * 100), f.covered() + "/" + f.eligible(), c.period(), "", "",
                    f.uncovered().isEmpty() ? "" : "未覆盖：" + String.join("、", f.uncovered().stream().map(Compliance.RegionRef::name).toList()),
                    "", 0));
        }
        return byDomain;
    }

    public static byte[] csv(Compliance c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.EXCEL)) {
            w.write('\ufeff');
            p.printRecord(ITEM_HEADERS);
            for (List<List<Object>> rows : rowsByDomain(c).values()) {
                for (List<Object> row : rows) {
                    p.printRecord(cells(row));
                }
            }
            for (Compliance.UnitLine u : c.units()) {
                p.printRecord(cells(Arrays.asList("责任单位", "", s(u.unitId()), u.unitName(), c.region(), c.period(),
                        u.behind() ? "滞后" : "正常", "逾期节点 " + u.overdueMilestones(), "", "", "",
                        "未报送调度 " + u.missingReports() + "，未达标/有风险目标 " + u.targetsOffTrack(), "", "")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] xlsx(Compliance c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "reporting-service", "1.0");
            Worksheet summary = wb.newWorksheet("汇总");
            int r = 0;
            summary.value(r, 0, "地区");
            summary.value(r, 1, SpreadsheetText.neutralise(c.region() + (c.regionName() == null ? "" : " " + c.regionName())));
            summary.value(++r, 0, "报告期");
            summary.value(r, 1, c.period());
            summary.value(++r, 0, "评估日期");
            summary.value(r, 1, String.valueOf(c.asOf()));
            summary.value(++r, 0, "得分");
            if (c.summary().score() != null) {
                summary.value(r, 1, c.summary().score());
            }
            r += 2;
            summary.value(r, 0, "领域");
            for (int i = 0; i < Compliance.STATUSES.size(); i++) {
                summary.value(r, i + 1, zh(Compliance.STATUSES.get(i)));
            }
            summary.value(r, Compliance.STATUSES.size() + 1, "得分");
            for (Compliance.DomainTotals d : c.summary().domains()) {
                r++;
                summary.value(r, 0, SpreadsheetText.neutralise(d.domain()));
                for (int i = 0; i < Compliance.STATUSES.size(); i++) {
                    summary.value(r, i + 1, d.totals().getOrDefault(Compliance.STATUSES.get(i), 0));
                }
                if (d.score() != null) {
                    summary.value(r, Compliance.STATUSES.size() + 1, d.score());
                }
            }
            List<String> used = new ArrayList<>(List.of("汇总"));
            for (Map.Entry<String, List<List<Object>>> e : rowsByDomain(c).entrySet()) {
                Worksheet ws = wb.newWorksheet(sheetName(e.getKey(), used));
                table(ws, ITEM_HEADERS, e.getValue());
            }
            List<List<Object>> unitRows = new ArrayList<>();
            for (Compliance.UnitLine u : c.units()) {
                unitRows.add(List.of(u.unitName() == null ? "" : u.unitName(), u.overdueMilestones(), u.missingReports(), u.targetsOffTrack()));
            }
            table(wb.newWorksheet(sheetName("责任单位", used)), UNIT_HEADERS, unitRows);
            List<List<Object>> warningRows = new ArrayList<>();
            for (Compliance.Warning w : c.warnings()) {
                warningRows.add(List.of(w.kind(), w.message(), String.join("、", w.units())));
            }
            table(wb.newWorksheet(sheetName("预警", used)), List.of("类型", "内容", "单位"), warningRows);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void table(Worksheet ws, List<String> headers, List<List<Object>> rows) {
        for (int i = 0; i < headers.size(); i++) {
            ws.value(0, i, headers.get(i));
            ws.style(0, i).bold().set();
        }
        int r = 1;
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                Object v = row.get(i);
                if (v instanceof Number n) {
                    ws.value(r, i, n);
                } else if (v != null && !v.toString().isEmpty()) {
                    ws.value(r, i, v instanceof Shown ? v.toString() : SpreadsheetText.neutralise(v.toString()));
                }
            }
            r++;
        }
    }

    private static String sheetName(String raw, List<String> used) {
        String name = raw == null || raw.isBlank() ? "未分类" : raw.replaceAll("[\\[\\]:*?/\\\\]", "_");
        if (name.length() > 31) {
            name = name.substring(0, 31);
        }
        String candidate = name;
        for (int i = 2; used.contains(candidate); i++) {
            candidate = name.substring(0, Math.min(name.length(), 28)) + "_" + i;
        }
        used.add(candidate);
        return candidate;
    }

    private static Object num(BigDecimal v) {
        return v == null ? "" : new Shown(v.stripTrailingZeros().toPlainString());
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
