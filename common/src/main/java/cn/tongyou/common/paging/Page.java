package cn.tongyou.common.paging;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with the total so that a frontend can draw its pager. */
@Schema(name = "Page", description = "a page of results with the total count")
public record Page<T>(List<T> items, int page, int size, long total, long totalPages) {

    public static <T> Page<T> of(List<T> items, PageParams params, long total) {
        long pages = total == 0 ? 0 : (total + params.size - 1) / params.size;
        return new Page<>(items, params.page, params.size, total, pages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalPages);
    }
}
