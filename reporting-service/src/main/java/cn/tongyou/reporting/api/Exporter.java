package cn.tongyou.reporting.api;

import cn.tongyou.common.export.SpreadsheetText;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.Discipline;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreadsheet forms of a compliance view, with Chinese headers: CSV (UTF-8 with a byte-order mark, so that Excel
 * reads the Chinese text) and XLSX ({@link ComplianceWorkbook}: 汇总, one sheet per domain, 责任单位, 预警). Every text
 * cell passes through common's {@link SpreadsheetText#neutralise}: a name, statement or unit starting with
 * {@code = + - @}, a tab or a CR (e.g. {@code =HYPERLINK(…)}) is written with a leading {@code '} so the 妇儿工委's
 * spreadsheet never runs it as a formula; numbers (a negative value included) are written as they are.
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
        List<List<Object>> rows = new ArrayList<>();
        rowsByDomain(c).values().forEach(rows::addAll);
        for (Compliance.UnitLine u : c.units()) {
            rows.add(Arrays.asList("责任单位", "", s(u.unitId()), u.unitName(), c.region(), c.period(),
                    u.behind() ? "滞后" : "正常", "逾期节点 " + u.overdueMilestones(), "", "", "",
                    "未报送调度 " + u.missingReports() + "，未达标/有风险目标 " + u.targetsOffTrack(), "", ""));
        }
        if (c.approvals() != null) {
            for (Discipline.ApprovalState a : c.approvals()) {
                rows.add(Arrays.asList("审核状态", "", a.region(), s(a.regionName()), a.region(), c.period(), approvalZh(a.status()),
                        s(a.level()) + " → " + s(a.acceptorLevel()), "", "", "", approvalNote(a), "", a.version()));
            }
        }
        if (c.completeness() != null) {
            Completeness k = c.completeness();
            rows.add(completenessItem("完整及时（合计）", k.total(), c));
            k.children().forEach(l -> rows.add(completenessItem("完整及时（下级地区）", l, c)));
            k.units().forEach(l -> rows.add(completenessItem("完整及时（单位）", l, c)));
        }
        return csv(ITEM_HEADERS, rows);
    }

    /** Any table as CSV: UTF-8 with a byte-order mark (Excel reads the Chinese), every text cell neutralised. */
    static byte[] csv(List<String> headers, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.EXCEL)) {
            w.write('\ufeff');
            p.printRecord(headers);
            for (List<Object> row : rows) {
                p.printRecord(cells(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A rate (a fraction, 4 decimals): the CSV writes it as it is (0.4286), the workbook as a percentage. */
    record Rate(BigDecimal value) {
        @Override
        public String toString() {
            return value == null ? "" : value.toPlainString();
        }
    }

    /** Columns of a completeness table: who, then values, progress reports and both, counts and rates. */
    static final List<String> COMPLETENESS_HEADERS = List.of("地区代码", "单位编号", "名称", "层级",
            "应报数值", "已报数值", "按时数值", "已审核数值", "数值报送率", "数值及时率", "数值审核率",
            "应报调度报告", "已报调度报告", "按时调度报告", "已验收调度报告", "报告报送率", "报告及时率", "报告验收率",
            "合计应报", "合计已报", "合计按时", "合计已审核", "合计缺报", "合计报送率", "合计及时率", "合计审核率");

    static List<Object> completenessRow(Completeness.CompletenessLine l) {
        List<Object> row = new ArrayList<>(Arrays.asList(s(l.region()), s(l.unitId()), s(l.name()), s(l.level())));
        for (Completeness.CompletenessCounts k : List.of(l.values(), l.reports())) {
            row.addAll(List.of(k.expected(), k.received(), k.onTime(), k.accepted(), new Rate(k.receivedRate()),
                    new Rate(k.onTimeRate()), new Rate(k.acceptedRate())));
        }
        Completeness.CompletenessCounts a = l.all();
        row.addAll(List.of(a.expected(), a.received(), a.onTime(), a.accepted(), a.missing(), new Rate(a.receivedRate()),
                new Rate(a.onTimeRate()), new Rate(a.acceptedRate())));
        return row;
    }

    /** A completeness view as CSV: the region's total first, then its rows. */
    public static byte[] csv(Completeness k, List<Completeness.CompletenessLine> rows) {
        return csv(COMPLETENESS_HEADERS, completenessRows(k, rows));
    }

    /** A completeness view as a one-sheet workbook laid out like the compliance workbook. */
    public static byte[] xlsx(Completeness k, List<Completeness.CompletenessLine> rows) {
        String title = (k.regionName() == null ? "" : k.regionName()) + "（" + k.region() + "）" + " 数据报送完整性与及时性 · 报告期 "
                + k.period() + " · 截止 " + k.valuesDeadline() + " · 日期 " + k.asOf();
        return ComplianceWorkbook.table(title, "完整及时", COMPLETENESS_HEADERS, completenessRows(k, rows));
    }

    static List<List<Object>> completenessRows(Completeness k, List<Completeness.CompletenessLine> rows) {
        List<List<Object>> out = new ArrayList<>();
        out.add(completenessRow(k.total()));
        rows.forEach(l -> out.add(completenessRow(l)));
        return out;
    }

    private static List<Object> completenessItem(String kind, Completeness.CompletenessLine l, Compliance c) {
        Completeness.CompletenessCounts a = l.all();
        return Arrays.asList(kind, "", l.region() != null ? l.region() : s(l.unitId()), s(l.name()), l.region() == null ? c.region() : l.region(),
                c.period(), "报送率 " + percent(a.receivedRate()), "应报 " + a.expected() + "，已报 " + a.received() + "，按时 " + a.onTime()
                        + "，已审核 " + a.accepted(), "", "", "",
                "数值 " + l.values().received() + "/" + l.values().expected() + "（按时 " + l.values().onTime() + "），调度报告 "
                        + l.reports().received() + "/" + l.reports().expected() + "（按时 " + l.reports().onTime() + "）", "", "");
    }

    static String percent(BigDecimal rate) {
        return rate == null ? "无应报" : rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String approvalZh(String status) {
        return switch (status == null ? "" : status) {
            case "open" -> "未提交";
            case "submitted" -> "已提交待验收";
            case "returned" -> "已退回";
            case "accepted" -> "已验收";
            default -> s(status);
        };
    }

    private static String approvalNote(Discipline.ApprovalState a) {
        return s(a.updatedBy()) + (a.updatedAt() == null ? "" : " " + a.updatedAt()) + (a.comment() == null ? "" : "：" + a.comment());
    }

    /** The workbook: see {@link ComplianceWorkbook}. */
    public static byte[] xlsx(Compliance c) {
        return ComplianceWorkbook.render(c);
    }

    private static Object num(BigDecimal v) {
        return v == null ? "" : new Shown(v.stripTrailingZeros().toPlainString());
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
