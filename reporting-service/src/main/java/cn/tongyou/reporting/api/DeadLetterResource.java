package cn.tongyou.reporting.api;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.reporting.domain.DeadLetterEntry;
import cn.tongyou.reporting.service.DeadLetterService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dead letters of the projections and their re-drive, for a nationwide admin: without it a dead letter only
 * expires after the dead-letter topic's 7 days.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Projections", description = "State of the consumers; rebuild")
public class DeadLetterResource {

    private static final Pattern ID = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    @Inject
    DeadLetterService deadLetters;

    @Inject
    Caller caller;

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List the dead letters, newest first",
            description = "The records the projections could not apply, read from the dead-letter topic (the newest "
                    + "10,000 at most): where each came from, why it was refused and what it is. Nationwide admins only.")
    @APIResponse(responseCode = "200", description = "a page of dead letters")
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a nationwide admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka does not answer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<DeadLetterEntry> list(@BeanParam @Valid PageParams page) {
        caller.requireNationwideAdmin("reporting.op.list-dead-letters");
        List<DeadLetterEntry> all = deadLetters.list();
        int from = (int) Math.min(all.size(), page.offset());
        return Page.of(all.subList(from, Math.min(all.size(), from + page.size)), page, all.size());
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(operationId = "redriveDeadLetter", summary = "Re-apply a dead letter once its cause is fixed",
            description = "Applies the original event through the consumer's own path. Idempotent: the projection "
                    + "keeps an aggregate's newest version, so a second re-drive (or one of an event the projection has "
                    + "since received in a newer version) changes nothing and answers `stale: 1`. A record the "
                    + "projection still refuses is answered 422 with the reason. Audited. Nationwide admins only.")
    @APIResponse(responseCode = "200", description = "applied, or already there", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetterService.Redriven.class)))
    @APIResponse(responseCode = "400", description = "a malformed id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a nationwide admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such dead letter (or past the topic's retention)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the projection still refuses it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka does not answer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterService.Redriven redrive(
            @PathParam("id") @Parameter(description = "partition-offset on the dead-letter topic, e.g. 3-17") String id) {
        caller.requireNationwideAdmin("reporting.op.redrive-dead-letter");
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw ProblemException.invalidField("id", "reporting.dead-letter.id", id);
        }
        return deadLetters.redrive(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }
}
