package cn.tongyou.reporting.api;

import cn.tongyou.common.export.SpreadsheetText;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.reporting.domain.Completeness;
import cn.tongyou.reporting.domain.Compliance;
import cn.tongyou.reporting.domain.Discipline;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Position;
import org.dhatim.fastexcel.StyleSetter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compliance view as an XLSX workbook a person can read, filter and print (fastexcel, streaming): 汇总 (totals per
 * domain and status, the colour legend, the score), one sheet per domain (its targets, milestones and, on 设施覆盖,
 * the facility coverage), 责任单位 and 预警.
 * <p>
 * Every sheet opens with a title row naming the region (name and code), the period and the as-of day, then a bold,
 * filled header row, frozen, with an autofilter over the table. Column widths are estimated from the longest cell (a
 * CJK character counts two) and capped, longer text wraps. Status cells are filled with their colour and read
 * "已达标 MET". Numbers are numbers, with their unit in a column of its own; percentages carry a percent format.
 * Printing: A4 landscape, all columns fitted to one page width (fitToWidth=1, fitToHeight=0), title and header
 * repeated on every page, sheet name and page number in the footer; 汇总 fits one page.
 * <p>
 * Every text cell passes through {@link SpreadsheetText#neutralise} (formula injection).
 */
public final class ComplianceWorkbook {

    /** Fill and font colour per status (ARGB hex, as OOXML wants them); the legend on 汇总 shows the same. */
    static final Map<String, String[]> STATUS_COLOURS = Map.of(
            "MET", new String[]{"FFC6EFCE", "FF006100"},
            "ON_TRACK", new String[]{"FFDDEBF7", "FF1F4E78"},
            "AT_RISK", new String[]{"FFFFD966", "FF7F6000"},
            "NOT_MET", new String[]{"FFFFC7CE", "FF9C0006"},
            "NO_DATA", new String[]{"FFD9D9D9", "FF404040"},
            "NEEDS_ASSESSMENT", new String[]{"FFE4DFEC", "FF5B2C6F"});
    static final String HEADER_FILL = "FFD9E1F2";
    static final String TITLE_FILL = "FFFFFFFF";
    static final String BORDER = "FFBFBFBF";

    static final Map<String, String> LEGEND = new LinkedHashMap<>();

    static {
        LEGEND.put("MET", "目标期的数值满足目标；任务节点已完成");
        LEGEND.put("ON_TRACK", "目标期之前，达到或超过线性进度（或已达到目标）；任务节点进行中或即将到期");
        LEGEND.put("AT_RISK", "目标期之前，落后于线性进度");
        LEGEND.put("NOT_MET", "目标期的数值未满足目标；任务节点已逾期");
        LEGEND.put("NO_DATA", "缺少所需的数值、基期或参照值，不作推测");
        LEGEND.put("NEEDS_ASSESSMENT", "定性目标尚无评估结论");
    }

    /**
     * Widest a column gets, in character widths (longer text wraps), the narrowest, and the most a header claims
     * (a longer header wraps onto a second line rather than widening a column of short numbers).
     */
    static final int MAX_WIDTH = 60;
    static final int MIN_WIDTH = 5;
    static final int HEADER_WIDTH = 10;
    /** Points per line of wrapped text: 11 pt text, the line spacing of a CJK font (Excel's Chinese default row is 14.25). */
    static final double LINE_HEIGHT = 14;

    /** Columns of a domain sheet: header, widest width before wrapping. 领域 is the sheet (and its title). */
    static final List<Column> ITEM_COLUMNS = List.of(new Column("类别", MAX_WIDTH), new Column("编号", 18),
            new Column("事项", 36), new Column("地区代码", MAX_WIDTH), new Column("年度/期限", MAX_WIDTH), new Column("状态", 17),
            new Column("当前值/进展", MAX_WIDTH), new Column("单位", MAX_WIDTH), new Column("数值期", MAX_WIDTH),
            new Column("目标值", MAX_WIDTH), new Column("进度线要求", MAX_WIDTH), new Column("说明", 40),
            new Column("责任单位", 18), new Column("版本", MAX_WIDTH));
    static final List<Column> UNIT_COLUMNS = List.of(new Column("单位", 40), new Column("情况", MAX_WIDTH),
            new Column("逾期节点", MAX_WIDTH), new Column("未报送调度", MAX_WIDTH), new Column("未达标/有风险目标", MAX_WIDTH));
    static final List<Column> WARNING_COLUMNS = List.of(new Column("类型", MAX_WIDTH), new Column("内容", MAX_WIDTH),
            new Column("单位", 40));

    static final Map<String, String> WARNING_KINDS = Map.of(
            "overdue-milestone", "逾期节点", "target-at-risk", "目标有风险", "target-not-met", "目标未达标",
            "coverage-gap", "覆盖缺口", "report-missing", "未报送调度", "quality-violation", "数据质量问题", "outlier", "异常值",
            "approval-awaiting-acceptance", "待验收");
    static final Map<String, String> WARNING_STATUS = Map.of(
            "overdue-milestone", "NOT_MET", "target-at-risk", "AT_RISK", "target-not-met", "NOT_MET",
            "coverage-gap", "NO_DATA", "report-missing", "AT_RISK", "quality-violation", "NOT_MET", "outlier", "AT_RISK",
            "approval-awaiting-acceptance", "ON_TRACK");


    private ComplianceWorkbook() {
    }

    record Column(String header, int cap) {
    }

    public static byte[] render(Compliance c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "reporting-service", "1.0");
            List<String> used = new ArrayList<>(List.of("汇总"));
            summary(wb.newWorksheet("汇总"), c);
            for (Map.Entry<String, List<Item>> e : itemsByDomain(c).entrySet()) {
                String name = sheetName(e.getKey(), used);
                Sheet s = new Sheet(wb.newWorksheet(name), title(c), "领域：" + e.getKey(), ITEM_COLUMNS);
                for (Item item : e.getValue()) {
                    s.row(item.cells());
                }
                s.finish(false);
            }
            Sheet units = new Sheet(wb.newWorksheet(sheetName("责任单位", used)), title(c), "责任单位", UNIT_COLUMNS);
            for (Compliance.UnitLine u : c.units()) {
                units.row(List.of(text(u.unitName()), new Cell(u.behind() ? "滞后" : "正常", null, u.behind() ? "AT_RISK" : "MET"),
                        number(u.overdueMilestones()), number(u.missingReports()), number(u.targetsOffTrack())));
            }
            units.finish(false);
            Sheet warnings = new Sheet(wb.newWorksheet(sheetName("预警", used)), title(c), "预警", WARNING_COLUMNS);
            for (Compliance.Warning w : c.warnings()) {
                String label = WARNING_KINDS.getOrDefault(w.kind(), w.kind());
                warnings.row(List.of(new Cell(label.equals(w.kind()) ? label : label + " " + w.kind(), null, WARNING_STATUS.get(w.kind())),
                        text(w.message()), text(String.join("、", w.units()))));
            }
            warnings.finish(false);
            if (c.approvals() != null && !c.approvals().isEmpty()) {
                Sheet approvals = new Sheet(wb.newWorksheet(sheetName("审核状态", used)), title(c), "审核状态", APPROVAL_COLUMNS);
                for (Discipline.ApprovalState a : c.approvals()) {
                    approvals.row(List.of(text(a.region()), text(a.regionName()), text(a.level()), text(Exporter.approvalZh(a.status())),
                            text(a.acceptorLevel()), text(a.updatedBy()), text(a.updatedAt() == null ? null : a.updatedAt().toString()),
                            text(a.comment()), number(a.version())));
                }
                approvals.finish(false);
            }
            if (c.completeness() != null) {
                Completeness k = c.completeness();
                List<List<Object>> rows = new ArrayList<>();
                rows.add(Exporter.completenessRow(k.total()));
                k.children().forEach(l -> rows.add(Exporter.completenessRow(l)));
                k.units().forEach(l -> rows.add(Exporter.completenessRow(l)));
                tableSheet(wb.newWorksheet(sheetName("完整及时", used)), title(c), "完整及时", Exporter.COMPLETENESS_HEADERS, rows);
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Columns of the 审核状态 sheet: the approval of the region and of its children for the period. */
    static final List<Column> APPROVAL_COLUMNS = List.of(new Column("地区代码", MAX_WIDTH), new Column("地区", 20),
            new Column("层级", MAX_WIDTH), new Column("状态", 17), new Column("验收层级", MAX_WIDTH), new Column("经办人", 18),
            new Column("时间", MAX_WIDTH), new Column("意见", 40), new Column("版本", MAX_WIDTH));

    /**
     * Any table as a one-sheet workbook with the layout of the compliance workbook (title, frozen header, filters,
     * print setup); a {@link Exporter.Rate} is a percentage, numbers stay numbers, text is neutralised.
     */
    static byte[] table(String title, String sheet, List<String> headers, List<List<Object>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "reporting-service", "1.0");
            tableSheet(wb.newWorksheet(sheet), title, sheet, headers, rows);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void tableSheet(Worksheet ws, String title, String what, List<String> headers, List<List<Object>> rows) {
        Sheet s = new Sheet(ws, title, what, headers.stream().map(h -> new Column(h, 30)).toList());
        for (List<Object> row : rows) {
            s.row(row.stream().map(ComplianceWorkbook::cellOf).toList());
        }
        s.finish(false);
    }

    private static Cell cellOf(Object v) {
        if (v instanceof Exporter.Rate r) {
            return r.value() == null ? text("") : new Cell(r.value(), "0.00%", null);
        }
        if (v instanceof Number n) {
            return number(n);
        }
        return text(v == null ? null : v.toString());
    }

    /** 汇总: the domain × status table with its total row, then the legend, the score rule and the snapshot's identity. */
    private static void summary(Worksheet ws, Compliance c) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("领域", 30));
        for (String status : Compliance.STATUSES) {
            columns.add(new Column(statusLabel(status), 60));
        }
        columns.add(new Column("合计", 60));
        columns.add(new Column("得分", 60));
        Sheet s = new Sheet(ws, title(c), "汇总", columns);
        for (int i = 0; i < Compliance.STATUSES.size(); i++) {
            String[] colours = STATUS_COLOURS.get(Compliance.STATUSES.get(i));
            ws.style(1, i + 1).bold().fillColor(colours[0]).fontColor(colours[1]).wrapText(true)
                    .verticalAlignment("center").horizontalAlignment("center").borderStyle("thin").borderColor(BORDER).set();
        }
        for (Compliance.DomainTotals d : c.summary().domains()) {
            s.row(totalsRow(text(d.domain()), d.totals(), d.score()));
        }
        int lastDomainRow = s.next - 1;
        s.row(totalsRow(new Cell("合计", null, null, true), c.summary().totals(), c.summary().score()));
        int r = s.next + 1;
        s.note(r++, "图例", true);
        for (String status : Compliance.STATUSES) {
            s.put(r, 0, new Cell(statusLabel(status), null, status), true);
            s.note(r++, LEGEND.get(status), false);
        }
        r++;
        s.note(r++, "得分 = 100 ×（已达标 + 进展正常 + ½ × 存在风险）÷（已达标 + 进展正常 + 存在风险 + 未达标），四舍五入；"
                + "无数据、待评估只计数，不计分；任务节点：已完成计为已达标，进行中或即将到期计为进展正常，逾期计为未达标。", false);
        if (c.snapshotId() != null) {
            s.note(r++, "快照 " + c.snapshotId() + (c.computedAt() == null ? "" : "，计算于 "
                    + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(c.computedAt().atZone(ZoneId.of("Asia/Shanghai")))), false);
        }
        s.finishSummary(lastDomainRow);
    }

    private static List<Cell> totalsRow(Cell first, Map<String, Integer> totals, Integer score) {
        List<Cell> row = new ArrayList<>();
        row.add(first);
        int all = 0;
        for (String status : Compliance.STATUSES) {
            int n = totals.getOrDefault(status, 0);
            all += n;
            row.add(number(n));
        }
        row.add(number(all));
        row.add(score == null ? text("—") : number(score));
        return row;
    }

    /** One typed row per target, milestone and facility coverage, grouped by domain as the CSV groups them. */
    static Map<String, List<Item>> itemsByDomain(Compliance c) {
        Map<String, List<Item>> byDomain = new LinkedHashMap<>();
        for (Compliance.TargetItem t : c.targets()) {
            String unit = t.unit() == null ? "" : t.unit();
            byDomain.computeIfAbsent(t.domain(), k -> new ArrayList<>()).add(new Item(List.of(text("指标目标"),
                    text(t.indicatorCode()), text(t.indicatorName() + (t.text() == null ? "" : "（" + t.text() + "）")),
                    text(t.regionCode()), number(t.year()), status(t.status()), measure(t.value(), unit), text(unit),
                    text(t.valuePeriod()), measure(t.targetValue(), unit), measure(t.expected(), unit),
                    text(t.explanation()), text(String.join("、", t.responsibleUnits())), number(t.version()))));
        }
        for (Compliance.MilestoneItem m : c.milestones()) {
            String state = switch (m.state() == null ? "" : m.state()) {
                case "overdue" -> "逾期" + m.daysOverdue() + "天";
                case "due-soon" -> "即将到期";
                case "done" -> "已完成";
                case "cancelled" -> "已取消";
                default -> "进行中";
            };
            byDomain.computeIfAbsent(m.domain(), k -> new ArrayList<>()).add(new Item(List.of(text("任务节点"),
                    text(m.taskNumber()), text(m.statement()), text(m.regionCode()), date(m.dueDate()), status(m.status()),
                    text(state), text(""), text(""), text(""), text(""), text(m.taskTitle()),
                    text(String.join("、", m.leadUnits())), number(m.version()))));
        }
        for (Compliance.FacilityItem f : c.facilities()) {
            String name = "children-home".equals(f.facilityType()) ? "儿童之家" : f.facilityType();
            String uncovered = f.uncovered().isEmpty() ? ""
                    : "；未覆盖：" + String.join("、", f.uncovered().stream().map(Compliance.RegionRef::name).toList());
            Cell ratio = f.ratio() == null ? text("无数据") : new Cell(f.ratio(), "0.00%", null);
            byDomain.computeIfAbsent("设施覆盖", k -> new ArrayList<>()).add(new Item(List.of(text("设施覆盖"),
                    text(f.facilityType()), text(name + "覆盖（" + f.unitLevel() + "）"), text(c.region()), text(c.period()),
                    f.ratio() == null ? status("NO_DATA") : text("不计"), ratio, text("覆盖率"), text(c.period()), text(""), text(""),
                    text("已覆盖 " + f.covered() + " / 应覆盖 " + f.eligible() + uncovered), text(""), number(0))));
        }
        return byDomain;
    }

    record Item(List<Cell> cells) {
    }

    /**
     * One cell: a String, Number or LocalDate value, an optional number format, an optional status whose colours it
     * takes, bold or not.
     */
    record Cell(Object value, String format, String status, boolean bold) {
        Cell(Object value, String format, String status) {
            this(value, format, status, false);
        }
    }

    static Cell text(String s) {
        return new Cell(s == null ? "" : s, null, null);
    }

    static Cell number(Number n) {
        return new Cell(n, null, null);
    }

    static Cell date(LocalDate d) {
        return d == null ? text("") : new Cell(d, "yyyy-mm-dd", null);
    }

    static Cell status(String status) {
        if (status == null) {
            return text("不计");
        }
        return new Cell(statusLabel(status), null, STATUS_COLOURS.containsKey(status) ? status : null);
    }

    /** "已达标 MET": the Chinese word and the code. */
    static String statusLabel(String status) {
        try {
            return Status.valueOf(status).chinese() + " " + status;
        } catch (IllegalArgumentException e) {
            return status;
        }
    }

    /**
     * A measured or target value as a number: with the unit "%" stored as a fraction with a percent format (95 → 95%),
     * so that a spreadsheet computes with it; any other unit stays in the unit column.
     */
    static Cell measure(BigDecimal v, String unit) {
        if (v == null) {
            return text("");
        }
        if ("%".equals(unit)) {
            int decimals = Math.max(0, Math.min(2, v.stripTrailingZeros().scale()));
            return new Cell(v.movePointLeft(2), decimals == 0 ? "0%" : "0." + "0".repeat(decimals) + "%", null);
        }
        return new Cell(v.stripTrailingZeros(), null, null);
    }

    /** Display width of a text in character widths: a CJK (or other full-width) character counts two; the longest line. */
    static int displayWidth(String s) {
        int widest = 0;
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                widest = Math.max(widest, w);
                w = 0;
            } else {
                w += wide(cp) ? 2 : 1;
            }
        }
        return Math.max(widest, w);
    }

    static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3200 && cp <= 0x33FF);
    }

    /**
     * Lines a text of the given display width takes in a column of the given width: one when it fits, else with slack
     * for CJK glyphs a little wider than two digits and for line breaks that keep a number or a word together (an
     * extra line costs a little paper; a missing one hides text).
     */
    static int lines(int textWidth, int columnWidth) {
        return textWidth <= columnWidth ? 1 : (int) Math.ceil(textWidth * 1.15 / (columnWidth - 1));
    }

    /** The width a cell's shown content takes (numbers as a spreadsheet shows them in General or the cell's format). */
    static int cellWidth(Cell cell) {
        Object v = cell.value();
        if (v instanceof String s) {
            return displayWidth(s);
        }
        if (v instanceof LocalDate) {
            return 10;
        }
        if (v instanceof Double d && cell.format() != null && cell.format().endsWith("%")) {
            return String.format("%.2f%%", d * 100).length();
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString().length() + (cell.format() != null && cell.format().endsWith("%") ? 1 : 0);
        }
        return String.valueOf(v).length();
    }

    /** A sheet being written: title row 0, header row 1, table from row 2; widths tracked per column. */
    private static final class Sheet {
        final Worksheet ws;
        final List<Column> columns;
        final int[] widths;
        /** Per row, the widths of its text cells by column: the row's height follows once the column widths are known. */
        final Map<Integer, Map<Integer, Integer>> textWidths = new LinkedHashMap<>();
        int next = 2;

        Sheet(Worksheet ws, String heading, String what, List<Column> columns) {
            this.ws = ws;
            this.columns = columns;
            this.widths = new int[columns.size()];
            String title = heading + " · " + what;
            ws.value(0, 0, SpreadsheetText.neutralise(title));
            ws.range(0, 0, 0, columns.size() - 1).style().bold().fontSize(14).fillColor(TITLE_FILL)
                    .verticalAlignment("center").horizontalAlignment("left").merge().set();
            ws.rowHeight(0, 24);
            for (int i = 0; i < columns.size(); i++) {
                String header = columns.get(i).header();
                ws.value(1, i, SpreadsheetText.neutralise(header));
                ws.style(1, i).bold().fillColor(HEADER_FILL).wrapText(true).verticalAlignment("center")
                        .horizontalAlignment("center").borderStyle("thin").borderColor(BORDER).set();
                // bold text is a little wider; a long header wraps (row 2 grows) instead of widening its column
                widths[i] = Math.max(widths[i], Math.min(HEADER_WIDTH, (int) Math.ceil(displayWidth(header) * 1.1)));
                textWidths.computeIfAbsent(1, k -> new LinkedHashMap<>()).put(i, (int) Math.ceil(displayWidth(header) * 1.1));
            }
            // footer codes: &P page, &N pages; a literal & is written && (LEFT and RIGHT, so they never overlap)
            ws.footer("工作表：" + ws.getName().replace("&", "&&"), Position.LEFT);
            ws.footer("第 &P 页，共 &N 页", Position.RIGHT);
        }

        void row(List<Cell> cells) {
            for (int i = 0; i < cells.size(); i++) {
                put(next, i, cells.get(i), true);
            }
            next++;
        }

        /** A cell of the table (counted in the widths, bordered) or of the notes below it. */
        void put(int r, int col, Cell cell, boolean table) {
            Object v = cell.value();
            if (v instanceof String s) {
                if (!s.isEmpty()) {
                    ws.value(r, col, SpreadsheetText.neutralise(s));
                }
            } else if (v instanceof Number n) {
                ws.value(r, col, n);
            } else if (v instanceof LocalDate d) {
                ws.value(r, col, d);
            }
            int w = cellWidth(cell);
            if (table) {
                widths[col] = Math.max(widths[col], Math.min(w, columns.get(col).cap()));
                if (v instanceof String) {
                    textWidths.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(col, w);
                }
            }
            StyleSetter style = ws.style(r, col).verticalAlignment("top");
            if (table) {
                style.borderStyle("thin").borderColor(BORDER);
            }
            if (cell.format() != null) {
                style.format(cell.format());
            }
            if (cell.status() != null) {
                String[] colours = STATUS_COLOURS.get(cell.status());
                style.fillColor(colours[0]).fontColor(colours[1]);
            }
            if (cell.bold()) {
                style.bold();
            }
            if (v instanceof String && table) {
                // wraps when the text is wider than its column ends up; the row height below makes room for the lines
                style.wrapText(true);
            }
            style.set();
        }

        /** A line of text below the table, over all columns but the first, wrapped. */
        void note(int r, String text, boolean bold) {
            ws.value(r, bold ? 0 : 1, SpreadsheetText.neutralise(text));
            if (bold) {
                ws.style(r, 0).bold().set();
                return;
            }
            int width = 0;
            for (int i = 1; i < widths.length; i++) {
                width += widths[i];
            }
            ws.range(r, 1, r, columns.size() - 1).style().wrapText(true).verticalAlignment("top").merge().set();
            ws.rowHeight(r, LINE_HEIGHT * lines(displayWidth(text), width) + 2);
        }

        void finish(boolean onePage) {
            for (int i = 0; i < widths.length; i++) {
                ws.width(i, Math.max(MIN_WIDTH, widths[i]) + 1);
            }
            // spreadsheet programs do not grow a row for wrapped text on opening (LibreOffice keeps the default
            // height): each row gets the lines its widest-wrapping cell needs
            for (Map.Entry<Integer, Map<Integer, Integer>> row : textWidths.entrySet()) {
                int lines = 1;
                for (Map.Entry<Integer, Integer> cell : row.getValue().entrySet()) {
                    lines = Math.max(lines, lines(cell.getValue(), Math.max(MIN_WIDTH, widths[cell.getKey()]) + 1));
                }
                if (lines > 1) {
                    ws.rowHeight(row.getKey(), LINE_HEIGHT * lines + 2);
                }
            }
            ws.freezePane(0, 2);
            ws.setAutoFilter(1, 0, Math.max(1, next - 1), columns.size() - 1);
            ws.repeatRows(0, 1);
            ws.pageOrientation("landscape");
            ws.paperSize(PaperSize.A4_PAPER);
            ws.fitToWidth((short) 1);
            ws.fitToHeight((short) (onePage ? 1 : 0));
            ws.leftMargin(0.4f);
            ws.rightMargin(0.4f);
            ws.topMargin(0.5f);
            ws.bottomMargin(0.6f);
            ws.headerMargin(0.2f);
            ws.footerMargin(0.25f);
        }

        void finishSummary(int lastDomainRow) {
            finish(true);
            ws.setAutoFilter(1, 0, Math.max(1, lastDomainRow), columns.size() - 1);
        }
    }

    private static String title(Compliance c) {
        String place = (c.regionName() == null ? "" : c.regionName()) + "（" + c.region() + "）";
        return place + " 儿童友好城市建设监测 · 报告期 " + c.period() + " · 评估日期 " + c.asOf();
    }

    static String sheetName(String raw, List<String> used) {
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
}
