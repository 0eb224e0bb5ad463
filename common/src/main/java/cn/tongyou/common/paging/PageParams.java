package cn.tongyou.common.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code page} (1-based) and {@code size} query parameters of every list; use with {@code @BeanParam @Valid}. */
public class PageParams {

    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    @DefaultValue("1")
    @Min(value = 1, message = "page starts at 1")
    @Parameter(description = "1-based page number")
    public int page = 1;

    @QueryParam("size")
    @DefaultValue("50")
    @Min(value = 1, message = "size must be at least 1")
    @Max(value = MAX_SIZE, message = "size must be at most " + MAX_SIZE)
    @Parameter(description = "items per page, at most " + MAX_SIZE)
    public int size = 50;

    public PageParams() {
    }

    public PageParams(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int offset() {
        return (page - 1) * size;
    }
}
