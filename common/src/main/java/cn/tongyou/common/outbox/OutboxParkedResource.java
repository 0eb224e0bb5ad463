package cn.tongyou.common.outbox;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;

/**
 * The parked outbox events of this service (docs/design.md §5.2) and their re-drive, for a nationwide admin. Every
 * service serves the same two operations over its own outbox.
 */
@Path("/api/v1/outbox/parked")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Outbox", description = "Events the broker refused for good, parked so that the stream goes on, and their re-drive")
public class OutboxParkedResource {

    @Inject
    OutboxParking parking;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listParkedEvents", summary = "List parked outbox events, newest first",
            description = "Events the broker refused for a reason retrying cannot heal (too large for the topic, not "
                    + "authorised on it, not serialisable), parked after `cfc.outbox.park-after-attempts` refusals. "
                    + "Later events of the same aggregate wait in the outbox until the parked one is re-driven. "
                    + "Nationwide admins only.")
    @APIResponse(responseCode = "200", description = "a page of parked events")
    @APIResponse(responseCode = "400", description = "a malformed filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a nationwide admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ParkedEvent> list(
            @QueryParam("state") @Parameter(description = "parked (default: not yet re-driven), redriven or all") String state,
            @BeanParam @Valid PageParams page) {
        caller.requireNationwideAdmin("common.security.op.list-parked");
        return parking.list(state(state), page);
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(operationId = "redriveParkedEvent", summary = "Re-drive a parked outbox event once its cause is fixed",
            description = "Moves the event back to the outbox at its original position: the relay publishes it once, "
                    + "before the later events of its aggregate that waited for it. Fix the cause first (raise the "
                    + "topic's `max.message.bytes`, restore the ACL): an event the broker refuses again is parked anew "
                    + "under a new id. Audited. Nationwide admins only.")
    @APIResponse(responseCode = "202", description = "back in the outbox; the relay publishes it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ParkedEvent.class)))
    @APIResponse(responseCode = "400", description = "a malformed id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a nationwide admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no parked event with this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already re-driven", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response redrive(@PathParam("id") @Parameter(description = "id of the parked entry") String id) {
        caller.requireNationwideAdmin("common.security.op.redrive-parked");
        return Response.accepted(parking.redrive(id(id), caller.subject())).build();
    }

    private static OutboxParking.State state(String raw) {
        if (raw == null || raw.isBlank()) {
            return OutboxParking.State.PARKED;
        }
        try {
            return OutboxParking.State.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("state", "common.outbox.parked.state");
        }
    }

    private static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("id", "common.outbox.parked.id", raw);
    }
}
