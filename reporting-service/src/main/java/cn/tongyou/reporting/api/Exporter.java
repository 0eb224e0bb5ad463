package cn.tongyou.reporting.api;

import cn.tongyou.common.indicator.Status;
import cn.tongyou.reporting.domain.Compliance;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreadsheet forms of a compliance view, with Chinese headers: CSV (UTF-8 with a byte-order mark, so that Excel
 * reads the Chinese text) and XLSX ({@link ComplianceWorkbook}: 汇总, one sheet per domain, 责任单位, 预警).
 */
public final class Exporter {

    static final List<String> ITEM_HEADERS = List.of("类别", "领域", "编号", "事项", "地区代码", "年度/期限", "状态", "当前值", "数值期", "目标值",
            "进度线要求", "说明", "责任单位", "版本");
    static final List<String> UNIT_HEADERS = List.of("单位", "逾期节点", "未报送调度", "未达标/有风险目标");

    private Exporter() {
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
                    p.printRecord(row);
                }
            }
            for (Compliance.UnitLine u : c.units()) {
                p.printRecord("责任单位", "", s(u.unitId()), u.unitName(), c.region(), c.period(), u.behind() ? "滞后" : "正常",
                        "逾期节点 " + u.overdueMilestones(), "", "", "", "未报送调度 " + u.missingReports() + "，未达标/有风险目标 " + u.targetsOffTrack(), "", "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The workbook: see {@link ComplianceWorkbook}. */
    public static byte[] xlsx(Compliance c) {
        return ComplianceWorkbook.render(c);
    }

    private static Object num(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
