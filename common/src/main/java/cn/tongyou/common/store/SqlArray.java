package cn.tongyou.common.store;

import java.util.Collection;

/**
 * A parameter bound as an SQL array ({@code = any(?)}, {@code unnest(?)}): the element type as PostgreSQL names it
 * ({@code text}, {@code uuid}, {@code bigint} …) and the elements, already in a form the driver writes for that type.
 */
public record SqlArray(String elementType, Object[] elements) {

    public static SqlArray of(String elementType, Collection<?> elements) {
        return new SqlArray(elementType, elements.toArray());
    }

    public static SqlArray text(Collection<String> elements) {
        return of("text", elements);
    }

    public static SqlArray uuid(Collection<?> elements) {
        return of("uuid", elements);
    }
}
