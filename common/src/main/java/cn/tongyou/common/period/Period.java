package cn.tongyou.common.period;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.code.Coded;

import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period (报告期): a year ({@code 2025}) or a half-year ({@code 2025H1}, {@code 2025H2}), the one period
 * type of every service. {@code 2025H1} runs from 1 January to 30 June, {@code 2025H2} from 1 July to 31 December.
 * Every service accepts the same strings: four digits, optionally {@code H1} or {@code H2} (the H in either case,
 * surrounding blanks ignored), years {@value #MIN_YEAR} to {@value #MAX_YEAR}.
 *
 * <p>A period is placed at its end, counted in years at the end-of-year convention (docs/design.md §4): {@code 2023} and
 * {@code 2023H2} sit at 2023.0 and {@code 2023H1} at 2022.5. Positions are kept as whole half-years
 * ({@link #halfYears()}) so that trajectory arithmetic stays exact.
 *
 * @param year the calendar year
 * @param half 0 for the whole year, 1 or 2 for a half
 */
public record Period(int year, int half) implements Comparable<Period> {

    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2100;
    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})(?:H([12]))?$");

    /** Whole years or half-years; an indicator lists the types it may be reported for. */
    public enum Type implements Coded {
        YEAR("year"), HALF_YEAR("half-year");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Type ofCode(String code) {
            return Coded.of(Type.class, "common.code.period-type", code);
        }
    }

    public Period {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new InvalidInput("common.period.year-outside", year, MIN_YEAR, MAX_YEAR);
        }
        if (half < 0 || half > 2) {
            throw new InvalidInput("common.period.half");
        }
    }

    public static Period year(int year) {
        return new Period(year, 0);
    }

    /** @param half 1 or 2 */
    public static Period halfYear(int year, int half) {
        if (half != 1 && half != 2) {
            throw new InvalidInput("common.period.half-year");
        }
        return new Period(year, half);
    }

    /** The half-year a day falls in. */
    public static Period halfYearContaining(LocalDate date) {
        return new Period(date.getYear(), date.getMonthValue() <= 6 ? 1 : 2);
    }

    /**
     * Parses {@code 2025}, {@code 2025H1} or {@code 2025H2} (the H in either case; surrounding blanks ignored).
     *
     * @throws IllegalArgumentException with a message fit for an API user
     */
    public static Period parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("common.period.empty");
        }
        Matcher m = FORMAT.matcher(raw.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInput("common.period.format", raw);
        }
        int year = Integer.parseInt(m.group(1));
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new InvalidInput("common.period.year-between", raw, MIN_YEAR, MAX_YEAR);
        }
        return new Period(year, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /**
     * Parses a half-year only ({@code 2025H1}, {@code 2025H2}), for the half-yearly dispatch (半年调度).
     *
     * @throws IllegalArgumentException with a message fit for an API user
     */
    public static Period parseHalfYear(String raw) {
        Period period = parse(raw);
        if (!period.isHalfYear()) {
            throw new InvalidInput("common.period.whole-year", raw, period.year);
        }
        return period;
    }

    public boolean isHalfYear() {
        return half != 0;
    }

    /** The first day of the period. */
    public LocalDate start() {
        return LocalDate.of(year, half == 2 ? Month.JULY : Month.JANUARY, 1);
    }

    /** The last day of the period. */
    public LocalDate end() {
        return half == 1 ? LocalDate.of(year, Month.JUNE, 30) : LocalDate.of(year, Month.DECEMBER, 31);
    }

    /** The period of the same kind that follows (2025 → 2026, 2025H1 → 2025H2, 2025H2 → 2026H1). */
    public Period next() {
        return switch (half) {
            case 1 -> new Period(year, 2);
            case 2 -> new Period(year + 1, 1);
            default -> new Period(year + 1, 0);
        };
    }

    /** The period of the same kind that precedes (2025 → 2024, 2025H2 → 2025H1, 2025H1 → 2024H2). */
    public Period previous() {
        return switch (half) {
            case 1 -> new Period(year - 1, 2);
            case 2 -> new Period(year, 1);
            default -> new Period(year - 1, 0);
        };
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start()) && !date.isAfter(end());
    }

    public Type type() {
        return half == 0 ? Type.YEAR : Type.HALF_YEAR;
    }

    /** The end of the period in half-years: 2·year for {@code 2023} and {@code 2023H2}, 2·year − 1 for {@code 2023H1}. */
    public long halfYears() {
        return 2L * year - (half == 1 ? 1 : 0);
    }

    /** The end of the period in years (2023.0, 2022.5 for 2023H1). */
    public double position() {
        return halfYears() / 2.0;
    }

    /** The same kind of period one year earlier (2025 → 2024, 2025H1 → 2024H1). */
    public Period yearEarlier() {
        return new Period(year - 1, half);
    }

    /** True when both end at the same moment (2025 and 2025H2). */
    public boolean endsWith(Period other) {
        return halfYears() == other.halfYears();
    }

    /** Earlier end first; at the same end the whole year before its second half. */
    @Override
    public int compareTo(Period o) {
        int byEnd = Long.compare(halfYears(), o.halfYears());
        if (byEnd != 0) {
            return byEnd;
        }
        return Integer.compare(half, o.half);
    }

    @Override
    public String toString() {
        return half == 0 ? Integer.toString(year) : year + "H" + half;
    }

    /** 2025年 / 2025年上半年 / 2025年下半年, for explanations. */
    public String chinese() {
        return switch (half) {
            case 1 -> year + "年上半年";
            case 2 -> year + "年下半年";
            default -> year + "年";
        };
    }
}
