package cn.tongyou.common.schedule;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-year reporting period (半年调度): {@code 2025H1} is 1 January to 30 June 2025, {@code 2025H2} 1 July to
 * 31 December. The ids are the ISO-like period ids the indicator service uses too (docs/design.md §4).
 */
public record HalfYear(int year, int half) implements Comparable<HalfYear> {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})H([12])$");

    public HalfYear {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("half must be 1 or 2");
        }
        if (year < 1900 || year > 2999) {
            throw new IllegalArgumentException("year must be between 1900 and 2999");
        }
    }

    /**
     * Parses {@code 2025H1}.
     *
     * @throws IllegalArgumentException with a message fit for an API user
     */
    public static HalfYear parse(String raw) {
        Matcher m = raw == null ? null : FORMAT.matcher(raw.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + raw + "' is not a half-year period; write e.g. 2025H1 or 2025H2");
        }
        return new HalfYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static HalfYear containing(LocalDate date) {
        return new HalfYear(date.getYear(), date.getMonthValue() <= 6 ? 1 : 2);
    }

    public LocalDate start() {
        return half == 1 ? LocalDate.of(year, Month.JANUARY, 1) : LocalDate.of(year, Month.JULY, 1);
    }

    public LocalDate end() {
        return half == 1 ? LocalDate.of(year, Month.JUNE, 30) : LocalDate.of(year, Month.DECEMBER, 31);
    }

    public HalfYear next() {
        return half == 1 ? new HalfYear(year, 2) : new HalfYear(year + 1, 1);
    }

    public HalfYear previous() {
        return half == 2 ? new HalfYear(year, 1) : new HalfYear(year - 1, 2);
    }

    @Override
    public int compareTo(HalfYear o) {
        return year != o.year ? Integer.compare(year, o.year) : Integer.compare(half, o.half);
    }

    @Override
    public String toString() {
        return year + "H" + half;
    }
}
