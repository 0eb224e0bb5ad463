package cn.tongyou.reporting.api;

import cn.tongyou.reporting.domain.Compliance;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The XLSX export of a 荥阳市-size county (38 targets, 91 milestones, 26 units: {@link CountyWorkbookFixture}) read
 * back as XML (frozen header, autofilter, print setup, status fills) and printed to PDF by LibreOffice headless, the
 * way the people who attach it to a half-yearly report see it: few pages, every sheet as wide as its page.
 * <p>
 * LibreOffice (Debian's libreoffice-calc-nogui and fonts-noto-cjk) is installed by {@code deploy/tools/ensure-packages.sh}
 * when {@code soffice} is missing; if that fails the test fails with the script's output (it never skips).
 */
class WorkbookRenderingTest {

    /**
     * Measured with LibreOffice 7.4, Noto CJK and Carlito: 13 pages (汇总 1; 公共服务友好, 成长空间友好, 发展环境友好 2
     * each; 社会政策友好, 权利保障友好, 设施覆盖, 责任单位 1 each; 预警 2). One page of slack for the font metrics of
     * another LibreOffice; the same view printed as 34 pages before (default widths, columns split, no fit to width).
     */
    static final int MAX_PAGES = 14;

    static Compliance county;
    static byte[] xlsx;
    static Map<String, byte[]> parts;
    static List<String> sheets;

    @BeforeAll
    static void render() throws IOException {
        county = CountyWorkbookFixture.county();
        xlsx = Exporter.xlsx(county);
        parts = unzip(xlsx);
        sheets = new ArrayList<>();
        Matcher m = Pattern.compile("<sheet name=\"([^\"]*)\"").matcher(text("xl/workbook.xml"));
        while (m.find()) {
            sheets.add(m.group(1));
        }
    }

    @Test
    void everySheetOfTodayIsThereWithATitleFrozenHeaderFilterAndLandscapeFitToWidthPrintSetup() {
        // 汇总, the domains in the order their first item comes, 设施覆盖, 责任单位, 预警 (the sheets of the workbook before)
        assertThat(sheets).containsExactly("汇总", "公共服务友好", "成长空间友好", "发展环境友好", "社会政策友好", "权利保障友好",
                "设施覆盖", "责任单位", "预警");
        String workbook = text("xl/workbook.xml");
        List<String> strings = sharedStrings();
        String title = "荥阳市（410182） 儿童友好城市建设监测 · 报告期 2025 · 评估日期 2026-02-01";
        for (int i = 0; i < sheets.size(); i++) {
            String xml = text("xl/worksheets/sheet" + (i + 1) + ".xml");
            String sheet = sheets.get(i);
            assertThat(cellText(xml, strings, "A1")).as(sheet + " title").startsWith(title);
            assertThat(xml).as(sheet + " frozen below the header").containsPattern("<pane [^>]*ySplit=\"2\"[^>]*state=\"frozen\"");
            assertThat(xml).as(sheet + " autofilter from the header").containsPattern("<autoFilter ref=\"A2:[A-Z]+\\d+\"");
            assertThat(xml).as(sheet + " fit to page").containsPattern("<pageSetUpPr fitToPage=\"(1|true)\"");
            assertThat(xml).as(sheet + " landscape A4").containsPattern("<pageSetup [^>]*paperSize=\"9\"")
                    .containsPattern("<pageSetup [^>]*orientation=\"landscape\"")
                    .containsPattern("<pageSetup [^>]*fitToWidth=\"1\"")
                    .containsPattern("<pageSetup [^>]*fitToHeight=\"" + (i == 0 ? 1 : 0) + "\"");
            assertThat(xml).as(sheet + " column widths").containsPattern("<col [^>]*width=");
            assertThat(workbook).as(sheet + " prints its title and header on every page")
                    .containsPattern("<definedName (?=[^>]*name=\"_xlnm.Print_Titles\")(?=[^>]*localSheetId=\"" + i + "\")[^>]*>[^<]*\\$1:\\$2<");
        }
        // the header row: bold and filled
        Map<Integer, String[]> xfs = cellStyles();
        String items = sheetXml("公共服务友好");
        String[] header = xfs.get(styleOf(items, "A2"));
        assertThat(header[0]).as("header fill").isEqualTo("FFD9E1F2");
        assertThat(header[1]).as("header bold").isEqualTo("bold");
        assertThat(cellText(items, strings, "A2")).isEqualTo("类别");
        assertThat(cellText(items, strings, "N2")).isEqualTo("版本");
    }

    @Test
    void statusCellsCarryTheirColoursAndNumbersAreNumbers() {
        List<String> strings = sharedStrings();
        Map<Integer, String[]> xfs = cellStyles();
        Map<String, String> expected = Map.of("已达标 MET", "FFC6EFCE", "进展正常 ON_TRACK", "FFDDEBF7", "存在风险 AT_RISK", "FFFFD966",
                "未达标 NOT_MET", "FFFFC7CE", "无数据 NO_DATA", "FFD9D9D9", "待评估 NEEDS_ASSESSMENT", "FFE4DFEC");
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < sheets.size() - 2; i++) {
            String xml = text("xl/worksheets/sheet" + (i + 1) + ".xml");
            Matcher c = Pattern.compile("<c r=\"F(\\d+)\" s=\"(\\d+)\" t=\"s\"><v>(\\d+)</v></c>").matcher(xml);
            while (c.find()) {
                String label = strings.get(Integer.parseInt(c.group(3)));
                if (expected.containsKey(label)) {
                    assertThat(xfs.get(Integer.parseInt(c.group(2)))[0]).as(sheets.get(i) + " F" + c.group(1) + " " + label)
                            .isEqualTo(expected.get(label));
                    seen.merge(label, 1, Integer::sum);
                }
            }
        }
        assertThat(seen.keySet()).as("every status appears, coloured").containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).as("38 targets + 88 milestones with a status (3 cancelled)")
                .isEqualTo(38 + 88);
        // the legend on 汇总
        String summary = sheetXml("汇总");
        for (String label : expected.keySet()) {
            assertThat(summary).contains("<v>" + strings.indexOf(label) + "</v>");
        }
        // 新生儿死亡率 2025: 2.8 ‰ as a number, the unit beside it; a percentage as a fraction with a percent format
        String health = sheetXml("公共服务友好");
        int row = rowOf(health, strings, "C", "新生儿死亡率（2025年达到2.5‰）");
        assertThat(cellXml(health, "G" + row)).doesNotContain("t=\"s\"").contains("<v>2.8</v>");
        assertThat(cellText(health, strings, "H" + row)).isEqualTo("‰");
        int caries = rowOf(health, strings, "C", "12岁儿童龋患率（2025年达到25%）");
        assertThat(cellXml(health, "J" + caries)).contains("<v>0.25</v>");
        assertThat(xfs.get(styleOf(health, "J" + caries))[2]).isEqualTo("0%");
        String coverage = sheetXml("设施覆盖");
        assertThat(cellXml(coverage, "G3")).contains("<v>0.840625</v>");
        assertThat(xfs.get(styleOf(coverage, "G3"))[2]).isEqualTo("0.00%");
    }

    @Test
    void libreOfficePrintsFewPagesEachAsWideAsItsPage() throws Exception {
        Path dir = Path.of("target", "workbook-rendering").toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve("county-2025.xlsx");
        Files.write(file, xlsx);
        long start = System.nanoTime();
        Path pdf = LibreOffice.toPdf(file, dir);
        System.out.printf("WorkbookRenderingTest: LibreOffice printed %s in %d ms%n", pdf.getFileName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<PageText> pages = pages(doc);
            Map<String, Integer> perSheet = new LinkedHashMap<>();
            for (PageText page : pages) {
                perSheet.merge(page.sheet(), 1, Integer::sum);
            }
            System.out.println("WorkbookRenderingTest: " + pages.size() + " pages " + perSheet + ", median glyph size (pt) "
                    + pages.stream().map(pg -> String.format("%.1f", pg.bodyFontSize())).toList());
            assertThat(perSheet.keySet()).as("every sheet printed, in order").containsExactlyElementsOf(sheets);
            assertThat(perSheet.get("汇总")).as("汇总 on one page").isEqualTo(1);
            assertThat(pages).as("a county prints on few pages").hasSizeLessThanOrEqualTo(MAX_PAGES);
            // the rows a sheet has set its pages: one page for up to ~20 rows of a domain, never a page per column group
            assertThat(perSheet.get("责任单位")).isEqualTo(1);
            for (PageText page : pages) {
                String what = page.sheet() + " p." + page.number();
                assertThat(page.rightmost()).as(what + ": no text beyond the page's width " + page.width())
                        .isLessThanOrEqualTo(page.width());
                assertThat(page.text()).as(what + ": the title on every page").contains("荥阳市（410182）", "报告期 2025");
                // fit to width: every page shows the first and the last column's header (repeated), so no column went
                // onto a page of its own, as it did before (45 pages: the columns split over two or three pages)
                for (String header : headers(page.sheet())) {
                    // a header may wrap onto two lines: compare without line breaks
                    assertThat(page.text().replaceAll("\\s", "")).as(what + " shows the header " + header).contains(header);
                }
                assertThat(page.bodyFontSize()).as(what + ": still legible (median glyph size in pt)").isGreaterThanOrEqualTo(5.5f);
            }
        }
    }

    /** The first and the last header of a sheet's table. */
    static List<String> headers(String sheet) {
        return switch (sheet) {
            case "汇总" -> List.of("领域", "得分");
            case "责任单位" -> List.of("单位", "未达标/有风险目标");
            case "预警" -> List.of("类型", "单位");
            default -> List.of("类别", "版本");
        };
    }

    record PageText(int number, String sheet, String text, float width, float rightmost, float bodyFontSize) {
    }

    /** Each page's text, the sheet its footer names, its width and how far right its text reaches. */
    static List<PageText> pages(PDDocument doc) throws IOException {
        List<PageText> out = new ArrayList<>();
        Pattern footer = Pattern.compile("工作表：\\s*(\\S+)");
        for (int p = 1; p <= doc.getNumberOfPages(); p++) {
            PDPage page = doc.getPage(p - 1);
            float[] rightmost = {0};
            List<Float> sizes = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition t : positions) {
                        rightmost[0] = Math.max(rightmost[0], t.getXDirAdj() + t.getWidthDirAdj());
                        sizes.add(t.getFontSizeInPt());
                    }
                    super.writeString(text, positions);
                }
            };
            stripper.setStartPage(p);
            stripper.setEndPage(p);
            String text = stripper.getText(doc);
            Matcher m = footer.matcher(text);
            String sheet = m.find() ? m.group(1) : "?";
            Collections.sort(sizes);
            out.add(new PageText(p, sheet, text, page.getMediaBox().getWidth(), rightmost[0],
                    sizes.isEmpty() ? 0 : sizes.get(sizes.size() / 2)));
        }
        return out;
    }

    /** LibreOffice headless, installed by the project's script when missing. */
    static final class LibreOffice {

        static Path toPdf(Path xlsx, Path outDir) throws Exception {
            ensureInstalled();
            Path profile = Files.createTempDirectory("lo-profile");
            try {
                Process p = new ProcessBuilder("soffice", "--headless", "--norestore",
                        "-env:UserInstallation=" + profile.toUri(), "--convert-to", "pdf", "--outdir", outDir.toString(),
                        xlsx.toString()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail("soffice did not finish within 5 minutes: " + output);
                }
                Path pdf = outDir.resolve(xlsx.getFileName().toString().replaceAll("\\.xlsx$", ".pdf"));
                if (p.exitValue() != 0 || !Files.exists(pdf)) {
                    fail("soffice --convert-to pdf failed (exit " + p.exitValue() + "): " + output);
                }
                return pdf;
            } finally {
                deleteTree(profile);
            }
        }

        /** soffice, and Carlito for Calibri's metrics (else LibreOffice measures the columns with a wider font). */
        static void ensureInstalled() throws Exception {
            if (onPath("soffice") && hasFont("Carlito")) {
                return;
            }
            File script = new File("../deploy/tools/ensure-packages.sh");
            if (!script.exists()) {
                fail("soffice is missing and " + script.getAbsolutePath() + " is not there to install it");
            }
            long start = System.nanoTime();
            Process p = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !onPath("soffice")) {
                fail("deploy/tools/ensure-packages.sh could not install LibreOffice and its fonts:\n" + output);
            }
            System.out.printf("WorkbookRenderingTest: LibreOffice installed in %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }

        static boolean hasFont(String family) throws Exception {
            if (!onPath("fc-list")) {
                return false;
            }
            Process p = new ProcessBuilder("fc-list", ":family=" + family, "family").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(1, TimeUnit.MINUTES) && out.contains(family);
        }

        static boolean onPath(String command) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                    return true;
                }
            }
            return false;
        }

        static void deleteTree(Path dir) throws IOException {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    // --- reading the XLSX back: a zip of XML parts ---

    /** The parts, read through the zip's central directory as a spreadsheet program does (the streamed entries have no sizes up front). */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        Path file = Files.createTempFile("workbook", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile z = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    out.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
        } finally {
            Files.delete(file);
        }
        return out;
    }

    /** A part as text, XML character references (how the writer stores non-ASCII text) decoded. */
    static String text(String part) {
        byte[] bytes = parts.get(part);
        assertThat(bytes).as(part).isNotNull();
        return Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(new String(bytes, StandardCharsets.UTF_8))
                .replaceAll(m -> Matcher.quoteReplacement(new String(Character.toChars(
                        Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16)))));
    }

    /** A sheet's XML by its name (fastexcel numbers the parts in the order of the sheets). */
    static String sheetXml(String name) {
        assertThat(sheets).contains(name);
        return text("xl/worksheets/sheet" + (sheets.indexOf(name) + 1) + ".xml");
    }

    static Document dom(String part) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(parts.get(part)));
        } catch (Exception e) {
            throw new IllegalStateException(part, e);
        }
    }

    static List<String> sharedStrings() {
        List<String> out = new ArrayList<>();
        NodeList si = dom("xl/sharedStrings.xml").getElementsByTagName("si");
        for (int i = 0; i < si.getLength(); i++) {
            out.add(si.item(i).getTextContent());
        }
        return out;
    }

    /** Per cell style index: fill colour (ARGB or "none"), "bold" or "", number format code (or "General"). */
    static Map<Integer, String[]> cellStyles() {
        Document styles = dom("xl/styles.xml");
        Map<Integer, String> formats = new HashMap<>();
        NodeList numFmts = styles.getElementsByTagName("numFmt");
        for (int i = 0; i < numFmts.getLength(); i++) {
            Element f = (Element) numFmts.item(i);
            formats.put(Integer.parseInt(f.getAttribute("numFmtId")), f.getAttribute("formatCode"));
        }
        formats.putIfAbsent(9, "0%");
        formats.putIfAbsent(10, "0.00%");
        List<String> fills = new ArrayList<>();
        NodeList fillNodes = ((Element) styles.getElementsByTagName("fills").item(0)).getElementsByTagName("fill");
        for (int i = 0; i < fillNodes.getLength(); i++) {
            NodeList fg = ((Element) fillNodes.item(i)).getElementsByTagName("fgColor");
            fills.add(fg.getLength() == 0 ? "none" : ((Element) fg.item(0)).getAttribute("rgb"));
        }
        List<Boolean> bold = new ArrayList<>();
        NodeList fontNodes = ((Element) styles.getElementsByTagName("fonts").item(0)).getElementsByTagName("font");
        for (int i = 0; i < fontNodes.getLength(); i++) {
            bold.add(((Element) fontNodes.item(i)).getElementsByTagName("b").getLength() > 0);
        }
        Map<Integer, String[]> out = new HashMap<>();
        NodeList xfs = ((Element) styles.getElementsByTagName("cellXfs").item(0)).getElementsByTagName("xf");
        for (int i = 0; i < xfs.getLength(); i++) {
            Element xf = (Element) xfs.item(i);
            int fill = xf.getAttribute("fillId").isEmpty() ? 0 : Integer.parseInt(xf.getAttribute("fillId"));
            int font = xf.getAttribute("fontId").isEmpty() ? 0 : Integer.parseInt(xf.getAttribute("fontId"));
            int fmt = xf.getAttribute("numFmtId").isEmpty() ? 0 : Integer.parseInt(xf.getAttribute("numFmtId"));
            out.put(i, new String[]{fills.get(fill), bold.get(font) ? "bold" : "", formats.getOrDefault(fmt, "General")});
        }
        return out;
    }

    static String cellXml(String sheetXml, String ref) {
        Matcher m = Pattern.compile("<c r=\"" + ref + "\"[^>]*?(/>|>.*?</c>)").matcher(sheetXml);
        return m.find() ? m.group() : "";
    }

    static int styleOf(String sheetXml, String ref) {
        Matcher m = Pattern.compile("s=\"(\\d+)\"").matcher(cellXml(sheetXml, ref));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String cellText(String sheetXml, List<String> strings, String ref) {
        Matcher m = Pattern.compile("<v>(\\d+)</v>").matcher(cellXml(sheetXml, ref));
        return m.find() ? strings.get(Integer.parseInt(m.group(1))) : null;
    }

    static int rowOf(String sheetXml, List<String> strings, String column, String value) {
        int index = strings.indexOf(value);
        assertThat(index).as(value).isNotNegative();
        Matcher m = Pattern.compile("<c r=\"" + column + "(\\d+)\"[^>]*t=\"s\"><v>" + index + "</v>").matcher(sheetXml);
        assertThat(m.find()).as(value + " in column " + column).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
