package cn.tongyou.reporting.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.service.WebhookSubscriptionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

@Path("/api/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
@Tag(name = "Webhooks", description = "Where an office receives its reminders: a signed JSON endpoint, a 企业微信 or 钉钉 group robot")
public class WebhookSubscriptionResource {

    @Inject
    WebhookSubscriptionService subscriptions;

    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "the subscription (without its secret)",
            headers = {@Header(name = "Location", description = "the subscription's URL"), @Header(name = "ETag", description = "\"<version>\"")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookSubscriptionService.WebhookSubscription.class)))
    @Operation(operationId = "createWebhookSubscription", summary = "Register a webhook for the reminders of a region's subtree",
            description = "Coordinator or admin of the region's subtree. url: https (≤ 2000); format generic (default), wecom or dingtalk; kinds: "
                    + "reminder kinds to receive (empty: all); secret (≤ 200, write-only): required for generic (Standard Webhooks signature) "
                    + "and dingtalk (加签). Audited.")
    public Response create(WebhookSubscriptionService.WebhookSubscriptionInput body) {
        WebhookSubscriptionService.WebhookSubscription v = subscriptions.create(body, caller.subject());
        return Response.created(URI.create("/api/v1/webhook-subscriptions/" + v.id())).tag(new EntityTag(String.valueOf(v.version())))
                .entity(v).build();
    }

    @GET
    @Operation(operationId = "listWebhookSubscriptions", summary = "The webhook subscriptions of the token's subtree",
            description = "region narrows the list to that region's subtree (403 outside the token's).")
    public Page<WebhookSubscriptionService.WebhookSubscription> list(@QueryParam("region") @Parameter(description = "region code") String region,
                                                      @BeanParam @Valid PageParams page) {
        return Page.of(subscriptions.list(region, page.offset(), page.size), page, subscriptions.count(region));
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "the subscription", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookSubscriptionService.WebhookSubscription.class)))
    @Operation(operationId = "getWebhookSubscription", summary = "One webhook subscription",
            description = "404 for one outside the token's subtree or deleted.")
    public Response get(@PathParam("id") String id) {
        return ok(subscriptions.get(id(id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "the changed subscription", headers = @Header(name = "ETag", description = "\"<version>\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookSubscriptionService.WebhookSubscription.class)))
    @Operation(operationId = "updateWebhookSubscription", summary = "Change a webhook subscription",
            description = "The whole subscription as on creation; the region cannot change; a missing secret keeps the stored one. Needs If-Match. Audited.")
    public Response update(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch,
                           WebhookSubscriptionService.WebhookSubscriptionInput body) {
        return ok(subscriptions.update(id(id), ifMatch, body, caller.subject()));
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "deleted: no further deliveries; past ones keep their history")
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a webhook subscription", description = "Needs If-Match. Audited.")
    public Response delete(@PathParam("id") String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) @Parameter(in = ParameterIn.HEADER, name = HttpHeaders.IF_MATCH,
                                   description = "the ETag you read", required = true) String ifMatch) {
        subscriptions.delete(id(id), ifMatch, caller.subject());
        return Response.noContent().build();
    }

    private static UUID id(String raw) {
        return RequestParameters.uuid("id", raw, "reporting.noun.a-webhook-subscription");
    }

    private static Response ok(WebhookSubscriptionService.WebhookSubscription v) {
        return Response.ok(v).tag(new EntityTag(String.valueOf(v.version()))).build();
    }
}
