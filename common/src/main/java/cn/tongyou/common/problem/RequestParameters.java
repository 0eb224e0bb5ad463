package cn.tongyou.common.problem;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Query and path parameters parsed, or a 400 problem naming the parameter. Each parser comes in two forms: one throws
 * at once; the other records the violation and answers null, for a request whose wrong parameters are all named in
 * one problem (a search with several filters).
 */
public final class RequestParameters {

    private RequestParameters() {
    }

    public static RegionCode region(String name, String raw) {
        return orThrow(violations -> region(name, raw, violations));
    }

    public static RegionCode region(String name, String raw, List<Issue> violations) {
        try {
            return RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            violations.add(new Issue(name, Message.of(e)));
            return null;
        }
    }

    /** Like {@link #region(String, String)}, with "is required" for a missing or blank value. */
    public static RegionCode requiredRegion(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(name, "common.field.required");
        }
        return region(name, raw);
    }

    public static Period period(String name, String raw) {
        return orThrow(violations -> parsed(name, raw, Period::parse, violations));
    }

    /** A half-year ({@code 2025H1}), for the half-yearly dispatch. */
    public static Period halfYear(String name, String raw) {
        return orThrow(violations -> halfYear(name, raw, violations));
    }

    public static Period halfYear(String name, String raw, List<Issue> violations) {
        return parsed(name, raw, Period::parseHalfYear, violations);
    }

    /**
     * A boolean parameter: {@code true} or {@code false} in any letter case; null when absent or blank (the caller's
     * default). Any other word ({@code 1}, {@code yes}, {@code maybe}) is a 400 naming the parameter: a misspelt word
     * must not silently flip a filter. {@link StrictParameters} applies the same rule to {@code boolean} parameters.
     */
    public static Boolean bool(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return StrictParameters.bool(raw);
        } catch (StrictParameters.Refused refused) {
            throw StrictParameters.problem(name, raw, refused.text);
        }
    }

    /** @param what the message key naming the kind of id with its article, for the message: "a facility" */
    public static UUID uuid(String name, String raw, String what) {
        return orThrow(violations -> uuid(name, raw, what, violations));
    }

    public static UUID uuid(String name, String raw, String what, List<Issue> violations) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            violations.add(Issue.of(name, "common.parameter.not-uuid", raw, Message.of(what)));
            return null;
        }
    }

    private static <T> T parsed(String name, String raw, Function<String, T> parser, List<Issue> violations) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            violations.add(new Issue(name, Message.of(e)));
            return null;
        }
    }

    private static <T> T orThrow(Function<List<Issue>, T> parse) {
        List<Issue> violations = new ArrayList<>();
        T value = parse.apply(violations);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return value;
    }
}
