package cn.tongyou.indicator.api;

import cn.tongyou.common.discipline.PeriodLockExceptionResource;
import jakarta.ws.rs.Path;

/**
 * Period lock exceptions for indicator values (data sets = indicator domains): common's resource on indicator-service's
 * own path, so that the public host routes it here and task-service keeps its own for progress reports.
 */
@Path("/api/v1/value-lock-exceptions")
public class ValueLockExceptionResource extends PeriodLockExceptionResource {
}
