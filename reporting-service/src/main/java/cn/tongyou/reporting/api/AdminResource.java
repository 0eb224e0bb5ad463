package cn.tongyou.reporting.api;

import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.service.ProjectionAdminService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Projections", description = "State of the consumers; rebuild")
public class AdminResource {

    @Inject
    ProjectionAdminService projections;

    @Inject
    Caller caller;

    @POST
    @Path("rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rebuildProjections", summary = "Empty the projections and replay every topic from the beginning (asynchronous: 202)",
            description = "Nationwide admins only (region claim CN). Refused with 409 and the reason while other "
                    + "instances share the consumer group (or it rebalances): scale to one replica first. Not routed "
                    + "by the Ingress; call it inside the cluster.")
    public Response rebuild() {
        caller.requireNationwideAdmin("reporting.op.rebuild");
        return Response.accepted(projections.rebuild()).build();
    }

    @GET
    @Path("status")
    @RolesAllowed({Roles.ADMIN, Roles.COORDINATOR, Roles.VIEWER})
    @Operation(operationId = "getProjectionStatus", summary = "Consumer lag per topic (-1 unknown, 0 for a topic that does not exist yet, listed in absentTopics) and "
            + "dead-lettered events since start")
    public Map<String, Object> status() {
        ProjectionAdminService.Status status = projections.status();
        return Map.of("lag", status.lag(), "absentTopics", status.absentTopics(), "deadLettered", status.deadLettered());
    }
}
