package cn.tongyou.common.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code page} (1-based) and {@code size} query parameters of every list; use with {@code @BeanParam @Valid}. */
public class PageParams {

    public static final int MAX_SIZE = 500;

    /** The last page anyone may ask for: beyond it nobody pages, and offsets stay far from overflowing. */
    public static final int MAX_PAGE = 1_000_000;

    @QueryParam("page")
    @DefaultValue("1")
    @Min(value = 1, message = "{common.page.min}")
    @Max(value = MAX_PAGE, message = "{common.page.max}")
    @Parameter(description = "1-based page number, at most " + MAX_PAGE)
    public int page = 1;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "{common.size.min}")
    @Max(value = MAX_SIZE, message = "{common.size.max}")
    @Parameter(description = "items per page, at most " + MAX_SIZE)
    public int size = 50;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    /** The number of items before this page; a long, so that no page and size can overflow it. */
    public long offset() {
        return (long) (page - 1) * size;
    }
}
