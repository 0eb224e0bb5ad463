package cn.tongyou.reporting.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.domain.ReminderIssued;
import cn.tongyou.reporting.service.ReminderService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reminders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reminders", description = "What is due soon, overdue, missing, waiting for acceptance or about to lock, per unit and region")
public class ReminderResource {

    @Inject
    ReminderService reminders;

    @Inject
    Caller caller;

    @POST
    @Path("/scans")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "scanReminders", summary = "Run the reminder scan now",
            description = "Nationwide admin only. The same scan as the daily one (cfc.reminders.scan-cron): issues each reminder once per kind, "
                    + "subject, recipient and business day, publishes cfc.reminder.issued.v1 for each new one and queues its webhook deliveries. "
                    + "Answers what it found, how many were new and how many had been issued already that day.")
    public ReminderService.ReminderScan scan() {
        caller.requireNationwideAdmin("reporting.op.scan-reminders");
        return reminders.scan();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.REPORTER, Roles.COORDINATOR, Roles.ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listReminders", summary = "Reminders issued, newest first",
            description = "Scoped: the reminders of the token's region subtree (region narrows it; 403 outside). kind filters by kind, "
                    + "since by issue time (a day, Beijing time, or a date-time).")
    public Page<ReminderIssued> list(
            @QueryParam("region") @Parameter(description = "region code: its subtree's reminders; default the token's region") String region,
            @QueryParam("kind") @Parameter(schema = @Schema(enumeration = {"due-soon", "overdue", "missing", "awaiting-acceptance", "about-to-lock"})) String kind,
            @QueryParam("since") @Parameter(description = "issued on or after: 2026-12-01 or 2026-12-01T08:00:00+08:00") String since,
            @BeanParam @Valid PageParams page) {
        ReminderService.Listing listing = reminders.listing(region, kind, since);
        return Page.of(reminders.list(listing, page.offset(), page.size), page, reminders.count(listing));
    }
}
