package cn.tongyou.facility.service;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.i18n.Message;
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
    public record Result(RegionRow row, Issue error, Issue note) {
        static Result ok(RegionRow row) {
            return new Result(row, null, null);
        }

        static Result error(long line, String field, String key, Object... args) {
            return error(line, field, Message.of(key, args));
        }

        static Result error(long line, String field, Message message) {
            return new Result(null, Issue.row(line, field, message), null);
        }

        static Result skip(long line, String field, String key, Object... args) {
            return new Result(null, null, Issue.row(line, field, Message.of(key, args)));
        }
    }

    /** @param column returns the value of a named column, or null when the column is absent or empty */
    public Result parse(long line, Function<String, String> column) {
        RegionCode code;
        try {
            code = RegionCode.parse(column.apply("code"));
        } catch (InvalidRegionCodeException e) {
            return Result.error(line, "code", Message.of(e));
        }
        if (format.level() != null && code.level() != format.level() && format.parentColumn() != null
                && code.equals(parseOrNull(column.apply(format.parentColumn())))) {
            // The NBS lists a division without subdivisions as its own child: 东莞市 441900 in areas.csv, 金门县
            // 350527000 in streets.csv. The region above already stands for it.
            return Result.skip(line, "code", "facility.region-csv.repeats-parent", column.apply("code"), column.apply("name"),
                    code.value());
        }
        if (format.level() != null && code.level() != format.level()) {
            return Result.error(line, "code", "facility.region-csv.wrong-level", column.apply("code"), code.level().code(),
                    format.level().code());
        }
        String name = column.apply("name");
        if (name == null || name.isBlank()) {
            return Result.error(line, "name", "facility.region-csv.name-empty");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            return Result.error(line, "name", "facility.region-csv.name-long", MAX_NAME_LENGTH);
        }
        RegionCode parent = code.parent();
        String parentColumn = format.parentColumn();
        String declaredParent = parentColumn == null ? null : column.apply(parentColumn);
        if (declaredParent != null) {
            RegionCode declared;
            try {
                declared = RegionCode.parse(declaredParent);
            } catch (InvalidRegionCodeException e) {
                return Result.error(line, parentColumn, Message.of(e));
            }
            if (!declared.equals(parent)) {
                return Result.error(line, parentColumn, "facility.region-csv.parent-mismatch", parentColumn, declaredParent,
                        code.value(), parent == null ? Message.of("facility.region-csv.no-parent") : parent.value());
            }
        } else if (format == RegionCsvFormat.GENERIC && code.level() != RegionLevel.PROVINCE) {
            return Result.error(line, parentColumn, "facility.region-csv.parent-empty");
        } else if (format != RegionCsvFormat.GENERIC && parentColumn != null) {
            return Result.error(line, parentColumn, "facility.region-csv.column-empty", parentColumn);
        }
        String urbanRural = column.apply("urbanRuralCode");
        if (urbanRural != null && !urbanRural.matches("[12][0-9]{2}")) {
            return Result.error(line, "urbanRuralCode", "facility.region-csv.urban-rural");
        }
        LocalDate validTo = null;
        String validToText = column.apply("validTo");
        if (validToText != null) {
            try {
                validTo = LocalDate.parse(validToText);
            } catch (DateTimeParseException e) {
                return Result.error(line, "validTo", "facility.region-csv.valid-to");
            }
        }
        return Result.ok(new RegionRow(line, code, name, parent, urbanRural, validTo));
    }

    private static RegionCode parseOrNull(String raw) {
        return raw == null || !RegionCode.isValid(raw) ? null : RegionCode.parse(raw);
    }

    public static Function<String, String> columns(Map<String, String> values) {
        return columns(values::get);
    }

    /** The named column's value of a row, stripped; blank or absent is null. */
    public static Function<String, String> columns(Function<String, String> raw) {
        return name -> {
            String value = raw.apply(name);
            return value == null || value.isBlank() ? null : value.strip();
        };
    }
}
