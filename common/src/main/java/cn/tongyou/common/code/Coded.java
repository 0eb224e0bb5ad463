package cn.tongyou.common.code;

import cn.tongyou.common.i18n.InvalidInput;
import cn.tongyou.common.i18n.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An enum constant written in the API and the database as a short code ({@code half-year}, {@code in-force}); the one
 * lookup from code to constant for every such enum. Codes are matched without regard to case or surrounding blanks.
 */
public interface Coded {

    String code();

    /** Other spellings accepted on input (a Chinese name, the constant's name); never written out. */
    default List<String> aliases() {
        return List.of();
    }

    /** The constant with this code or alias, or empty when there is none. */
    static <E extends Enum<E> & Coded> Optional<E> find(Class<E> type, String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip();
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> Stream.concat(Stream.of(c.code()), c.aliases().stream()).anyMatch(wanted::equalsIgnoreCase))
                .findFirst();
    }

    /**
     * The constant with this code or alias.
     *
     * @param what the message key of what the code names ({@code common.code.period-type})
     * @throws IllegalArgumentException naming the code and the expected ones, fit for an API user
     */
    static <E extends Enum<E> & Coded> E of(Class<E> type, String what, String code) {
        return find(type, code).orElseThrow(() -> new InvalidInput("common.code.unknown", Message.of(what), code, expected(type)));
    }

    /** All codes, in declaration order. */
    static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
    }

    /** "a, b or c". */
    /** "a, b or c" in the reader's language. */
    private static <E extends Enum<E> & Coded> Object expected(Class<E> type) {
        List<String> codes = codes(type);
        int last = codes.size() - 1;
        return last == 0 ? codes.get(0)
                : Message.of("common.code.one-of", String.join(", ", codes.subList(0, last)), codes.get(last));
    }
}
