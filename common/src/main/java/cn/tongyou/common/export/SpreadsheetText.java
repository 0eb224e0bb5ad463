package cn.tongyou.common.export;

/**
 * Text cells of CSV/XLSX exports are neutralised against formula injection (OWASP "CSV Injection"): a spreadsheet
 * treats a cell starting with {@code = + - @}, a tab or a carriage return as a formula, so {@code =HYPERLINK(…)} in a
 * facility name or a report text would run in the 妇儿工委's spreadsheet. Such a cell gets a leading single quote,
 * which spreadsheets show as text and do not display.
 * <p>
 * Only text cells pass through here: numbers and dates are written as such (a negative number stays {@code -2}).
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /** The text as a spreadsheet cell: prefixed with {@code '} when it starts like a formula; null stays null. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return startsLikeFormula(text) ? "'" + text : text;
    }

    /** Whether a spreadsheet would read the text as a formula: its first character is = + - @, tab or CR. */
    public static boolean startsLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }
}
