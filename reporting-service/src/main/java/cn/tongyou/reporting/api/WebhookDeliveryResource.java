package cn.tongyou.reporting.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.service.WebhookDeliveryService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
@Tag(name = "Webhooks", description = "Where an office receives its reminders: a signed JSON endpoint, a 企业微信 or 钉钉 group robot")
public class WebhookDeliveryResource {

    private static final List<String> STATUSES = List.of("pending", "delivered", "dead");

    @Inject
    WebhookDeliveryService deliveries;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listWebhookDeliveries", summary = "Webhook deliveries of the token's subtree, newest first",
            description = "status=dead lists the dead letters: deliveries that failed cfc.webhooks.max-attempts times (last answer or error kept).")
    public Page<WebhookDeliveryService.WebhookDelivery> list(
            @QueryParam("status") @Parameter(schema = @Schema(enumeration = {"pending", "delivered", "dead"})) String status,
            @BeanParam @Valid PageParams page) {
        String s = status == null || status.isBlank() ? null : status.strip();
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.invalidField("status", "reporting.webhook-delivery.status-unknown", s, String.join(", ", STATUSES));
        }
        return Page.of(deliveries.list(s, page.offset(), page.size), page, deliveries.count(s));
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(operationId = "redriveWebhookDelivery", summary = "Send a dead delivery again, with fresh attempts",
            description = "For a delivery of a subscription in the token's subtree (404 outside); 409 when it is not dead. Audited.")
    public WebhookDeliveryService.WebhookDelivery redrive(@PathParam("id") String id) {
        return deliveries.redrive(RequestParameters.uuid("id", id, "reporting.noun.a-webhook-delivery"), caller.subject());
    }
}
