package cn.tongyou.facility.service;

import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.RegionCsvFormat;
import cn.tongyou.facility.domain.RegionRow;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one CSV record into a {@link RegionRow}, or a row error. Checks only what the row itself tells: the code is
 * a division code of the file's level, the name is present, the parent column agrees with the code's own prefix.
 * Whether the parent exists and whether the code is a duplicate is the importer's business.
 */
public final class RegionRowParser {

    public static final int MAX_NAME_LENGTH = 100;

    private final RegionCsvFormat format;

    public RegionRowParser(RegionCsvFormat format) {
        this.format = format;
    }

    /** The row, the problem with it, or (neither) a note on a row that needs no region of its own. */
    public record Result(RegionRow row, Problem.Violation error, Problem.Violation note) {
        static Result ok(RegionRow row) {
            return new Result(row, null, null);
        }

        static Result error(long line, String field, String message) {
            return new Result(null, Problem.Violation.row(line, field, message), null);
        }

        static Result skip(long line, String field, String message) {
            return new Result(null, null, Problem.Violation.row(line, field, message));
        }
    }

    /** @param column returns the value of a named column, or null when the column is absent or empty */
    public Result parse(long line, Function<String, String> column) {
        RegionCode code;
        try {
            code = RegionCode.parse(column.apply("code"));
        } catch (InvalidRegionCodeException e) {
            return Result.error(line, "code", e.getMessage());
        }
        if (format.level() != null && code.level() != format.level() && format.parentColumn() != null
                && code.equals(parseOrNull(column.apply(format.parentColumn())))) {
            // The NBS lists a division without subdivisions as its own child: 东莞市 441900 in areas.csv, 金门县
            // 350527000 in streets.csv. The region above already stands for it.
            return Result.skip(line, "code", column.apply("code") + " " + column.apply("name") + " repeats its parent "
                    + code.value() + " (a division listed without subdivisions); nothing to create");
        }
        if (format.level() != null && code.level() != format.level()) {
            return Result.error(line, "code", "code " + column.apply("code") + " is a " + code.level().code()
                    + " code; this file holds " + format.level().code() + " rows");
        }
        String name = column.apply("name");
        if (name == null || name.isBlank()) {
            return Result.error(line, "name", "name is empty");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            return Result.error(line, "name", "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        RegionCode parent = code.parent();
        String parentColumn = format.parentColumn();
        String declaredParent = parentColumn == null ? null : column.apply(parentColumn);
        if (declaredParent != null) {
            RegionCode declared;
            try {
                declared = RegionCode.parse(declaredParent);
            } catch (InvalidRegionCodeException e) {
                return Result.error(line, parentColumn, e.getMessage());
            }
            if (!declared.equals(parent)) {
                return Result.error(line, parentColumn, parentColumn + " " + declaredParent + " does not match code "
                        + code.value() + ", whose parent is " + (parent == null ? "none (a province)" : parent.value()));
            }
        } else if (format == RegionCsvFormat.GENERIC && code.level() != RegionLevel.PROVINCE) {
            return Result.error(line, parentColumn, "parentCode is empty; only provinces have no parent");
        } else if (format != RegionCsvFormat.GENERIC && parentColumn != null) {
            return Result.error(line, parentColumn, parentColumn + " is empty");
        }
        String urbanRural = column.apply("urbanRuralCode");
        if (urbanRural != null && !urbanRural.matches("[12][0-9]{2}")) {
            return Result.error(line, "urbanRuralCode",
                    "urbanRuralCode must be an NBS 城乡分类代码: 3 digits, 1xx urban (111 主城区 …), 2xx rural (210, 220 村庄)");
        }
        LocalDate validTo = null;
        String validToText = column.apply("validTo");
        if (validToText != null) {
            try {
                validTo = LocalDate.parse(validToText);
            } catch (DateTimeParseException e) {
                return Result.error(line, "validTo", "validTo must be an ISO date like 2024-12-31");
            }
        }
        return Result.ok(new RegionRow(line, code, name, parent, urbanRural, validTo));
    }

    private static RegionCode parseOrNull(String raw) {
        return raw == null || !RegionCode.isValid(raw) ? null : RegionCode.parse(raw);
    }

    public static Function<String, String> columns(Map<String, String> values) {
        return name -> {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        };
    }
}
