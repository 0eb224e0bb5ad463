package cn.tongyou.task.service;

import java.math.BigDecimal;

/** How the services compare and store the values a request or a catalogue document gives. */
final class Inputs {

    private Inputs() {
    }

    /** An optional text as stored: stripped, and null when blank. */
    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Equal numbers whatever their scale (20 and 20.0). */
    static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
