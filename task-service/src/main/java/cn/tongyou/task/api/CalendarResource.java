package cn.tongyou.task.api;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.schedule.MilestoneSchedule;
import cn.tongyou.common.schedule.ReportingCalendar;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

@Path("/api/v1/reporting-periods")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reporting calendar", description = "Half-yearly dispatch (半年调度) periods and their deadlines")
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CalendarResource {

    @Inject
    ReportingCalendar calendar;

    @Inject
    MilestoneSchedule schedule;

    /** A reporting period and where it stands today. */
    @Schema(name = "ReportingPeriod")
    public record PeriodView(@Schema(example = "2025H1") String period, LocalDate start, LocalDate end,
                             @Schema(description = "first day a report is expected: the period's last day") LocalDate dueFrom,
                             @Schema(description = "last day a report is on time") LocalDate deadline,
                             int graceDays, LocalDate today,
                             @Schema(enumeration = {"not-due", "due", "overdue"}) String state,
                             @Schema(description = "whether reports may be filed (the period has started)") boolean open) {
    }

    @GET
    @Path("/{period}")
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "getReportingPeriod", summary = "A reporting period, or the current one",
            description = "current: the latest half-year that has reached its last day, i.e. the period whose reports are due or overdue now.")
    @APIResponse(responseCode = "200", description = "the period", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PeriodView.class)))
    @APIResponse(responseCode = "400", description = "not a period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PeriodView get(@PathParam("period") @Parameter(description = "2025H1, 2025H2 … or current", example = "current") String period) {
        LocalDate today = schedule.today();
        Period p = "current".equals(period) ? calendar.currentPeriod(today) : RequestParameters.halfYear("period", period);
        return new PeriodView(p.toString(), p.start(), p.end(), calendar.dueFrom(p), calendar.deadline(p), calendar.graceDays(),
                today, calendar.state(p, today).code(), calendar.acceptsReports(p, today));
    }
}
