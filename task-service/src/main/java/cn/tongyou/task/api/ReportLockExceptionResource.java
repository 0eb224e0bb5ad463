package cn.tongyou.task.api;

import cn.tongyou.common.discipline.PeriodLockExceptionResource;
import jakarta.ws.rs.Path;

/**
 * Period lock exceptions for progress reports (data set {@code progress-reports}): common's resource on task-service's
 * own path, so that the public host routes it here and indicator-service keeps its own for values.
 */
@Path("/api/v1/report-lock-exceptions")
public class ReportLockExceptionResource extends PeriodLockExceptionResource {
}
