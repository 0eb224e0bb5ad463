package cn.tongyou.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark's one table, in Markdown: the columns of contracts.md, one line per {@link Row}. */
final class Table {

    static final String HEADER = "| path | product | anchor (what) | ratio | goal | met | p50 | p99 | RSS MB | note |";

    private Table() {
    }

    static String render(List<Row> rows) {
        StringBuilder s = new StringBuilder(HEADER).append('\n')
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            s.append("| ").append(cell(row.path()))
                    .append(" | ").append(figure(row.product(), row.unit()))
                    .append(" | ").append(Double.isNaN(row.anchor()) ? cell(row.anchorName())
                            : figure(row.anchor(), row.unit()) + " — " + cell(row.anchorName()))
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" | ").append(row.goal() == null || row.goal().isBlank() ? "—" : cell(row.goal()))
                    .append(" | ").append(row.goal() == null || row.goal().isBlank() ? "—" : row.met() ? "✓" : "✗")
                    .append(" | ").append(millis(row.p50Ms()))
                    .append(" | ").append(millis(row.p99Ms()))
                    .append(" | ").append(Double.isNaN(row.rssMb()) ? "—" : String.format(Locale.ROOT, "%.0f", row.rssMb()))
                    .append(" | ").append(cell(row.note()))
                    .append(" |\n");
        }
        return s.toString();
    }

    /** {@code 1,234 req/s}, {@code 2.31 s}: three significant figures at most for small values. */
    static String figure(double value, String unit) {
        if (Double.isNaN(value)) {
            return "—";
        }
        String number = Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return unit == null || unit.isBlank() ? number : number + " " + unit;
    }

    private static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "—";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    /** A cell's text: a pipe would end the cell, a line break the row. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
