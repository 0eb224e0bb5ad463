package cn.tongyou.common.indicator;

import cn.tongyou.common.period.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The values of one indicator for one region over time, ordered by the end of their period. When a year and its
 * second half both have a value (they end together), lookups prefer the whole year: it is the official annual figure.
 */
public final class Series {

    private final List<Figure> figures;

    private Series(List<Figure> figures) {
        this.figures = figures;
    }

    public static Series of(Collection<Figure> figures) {
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparing(Figure::period));
        return new Series(List.copyOf(sorted));
    }

    public static Series of(Figure... figures) {
        return of(List.of(figures));
    }

    public static Series empty() {
        return new Series(List.of());
    }

    public List<Figure> figures() {
        return figures;
    }

    public boolean isEmpty() {
        return figures.isEmpty();
    }

    /** The value of the period ending at {@code halfYears} (the whole year before its second half), or null. */
    public Figure at(long halfYears) {
        Figure found = null;
        for (Figure f : figures) {
            if (f.period().halfYears() == halfYears && (found == null || f.period().half() == 0)) {
                found = f;
            }
        }
        return found;
    }

    public Figure at(Period period) {
        return at(period.halfYears());
    }

    /** The latest value whose period ends at or before {@code halfYears}, or null. */
    public Figure latestAtOrBefore(long halfYears) {
        Figure found = null;
        for (Figure f : figures) {
            long end = f.period().halfYears();
            if (end > halfYears) {
                break;
            }
            if (found == null || end > found.period().halfYears() || f.period().half() == 0) {
                found = f;
            }
        }
        return found;
    }

    /** The earliest value ending strictly before {@code halfYears}, or null. */
    public Figure earliestBefore(long halfYears) {
        Figure first = figures.isEmpty() ? null : figures.get(0);
        if (first == null || first.period().halfYears() >= halfYears) {
            return null;
        }
        return at(first.period().halfYears());
    }

    /** The first value ending at or after {@code halfYears}, or null (Open SDG: the base year or the next one with data). */
    public Figure firstAtOrAfter(long halfYears) {
        for (Figure f : figures) {
            if (f.period().halfYears() >= halfYears) {
                return at(f.period().halfYears());
            }
        }
        return null;
    }

    /** Values with a number, one per period end, up to {@code halfYears}. */
    public List<Figure> numericUpTo(long halfYears) {
        List<Figure> result = new ArrayList<>();
        for (Figure f : figures) {
            if (f.period().halfYears() > halfYears) {
                break;
            }
            if (f.value() == null) {
                continue;
            }
            Figure chosen = at(f.period().halfYears());
            if (chosen == f) {
                result.add(f);
            }
        }
        return result;
    }
}
