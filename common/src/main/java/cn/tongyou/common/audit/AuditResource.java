package cn.tongyou.common.audit;

import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Caller;
import cn.tongyou.common.security.Roles;
import cn.tongyou.common.store.Jdbc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of this service, for coordinators and admins within their subtree (the national catalogue's
 * records, which have no region, only for nationwide tokens), and the verification of its hash chain for a
 * nationwide admin. Every service serves the same two operations over its own trail.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COORDINATOR, Roles.ADMIN})
@Tag(name = "Audit", description = "Who changed what and when (留痕), with tamper evidence")
public class AuditResource {

    @Inject
    Jdbc jdbc;

    @Inject
    Caller caller;

    @Inject
    AuditChain chain;

    @GET
    @Operation(operationId = "listAuditRecords", summary = "List audit records, newest first",
            description = "Records of changes and refused requests whose region lies in the token's subtree (or in "
                    + "`region`, which must lie in it). Records without a region (the national catalogue, platform "
                    + "operations) are listed only for nationwide tokens.")
    @APIResponse(responseCode = "200", description = "a page of records")
    @APIResponse(responseCode = "400", description = "a malformed filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "role not allowed, or a region outside the token's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AuditRecordView> list(
            @QueryParam("region") @Parameter(description = "region code; default the token's region") String region,
            @QueryParam("aggregateId") @Parameter(description = "one aggregate's history") String aggregateId,
            @QueryParam("subject") @Parameter(description = "one actor's records") String subject,
            @QueryParam("outcome") @Parameter(description = "CHANGED or REFUSED") String outcome,
            @QueryParam("from") @Parameter(description = "ISO-8601 instant, inclusive") String from,
            @QueryParam("to") @Parameter(description = "ISO-8601 instant, exclusive") String to,
            @BeanParam @Valid PageParams page) {
        RegionCode requested = region == null || region.isBlank() ? null : parseRegion(region);
        Optional<RegionCode> scope = caller.scope().listRegion(requested);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where true");
        if (scope.isPresent()) {
            where.append(" and region_code like ?");
            params.add(scope.get().subtreePattern());
        }
        filter(where, params, "aggregate_id = ?", aggregateId);
        filter(where, params, "actor_subject = ?", subject);
        if (outcome != null && !outcome.isBlank()) {
            if (!outcome.equals("CHANGED") && !outcome.equals("REFUSED")) {
                throw ProblemException.invalidField("outcome", "common.audit.outcome");
            }
            filter(where, params, "outcome = ?", outcome);
        }
        filter(where, params, "recorded_at >= ?", instant("from", from));
        filter(where, params, "recorded_at < ?", instant("to", to));
        long total = jdbc.count("select count(*) from audit_record" + where, params);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size);
        pageParams.add(page.offset());
        List<AuditRecordView> items = jdbc.list("select r.*, s.chain_position, s.hash, (select p.after_state::text "
                + "from audit_record p where p.aggregate_type = r.aggregate_type and p.aggregate_id = r.aggregate_id "
                + "and p.id < r.id and p.outcome = 'CHANGED' order by p.id desc limit 1) as before_state "
                + "from audit_record r left join audit_seal s on s.record_id = r.id" + where
                + " order by r.id desc limit ? offset ?", pageParams, row -> new AuditRecordView(row.longValue("id"),
                row.instant("recorded_at"), row.string("outcome"), row.string("operation"), row.string("event_type"),
                row.string("aggregate_type"), row.string("aggregate_id"), row.longOrNull("aggregate_version"),
                row.string("region_code"), row.string("before_state"), row.json("after_state"), row.string("detail"),
                row.string("actor_subject"), row.string("actor_roles"), row.string("actor_region"),
                row.string("actor_unit"), row.string("request_id"), row.string("client_address"),
                row.longOrNull("chain_position"), row.string("hash")));
        return Page.of(items, page, total);
    }

    @GET
    @Path("/verification")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "verifyAuditChain", summary = "Verify the audit trail's hash chain",
            description = "Seals what is pending, then recomputes every hash from the first record; `intact` is false "
                    + "and `firstBrokenPosition` names the first record whose content, order or presence no longer "
                    + "matches the chain. Nationwide admins only.")
    @APIResponse(responseCode = "200", description = "the verification", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditChain.Verification.class)))
    @APIResponse(responseCode = "401", description = "no valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not a nationwide admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditChain.Verification verify() {
        caller.requireNationwideAdmin("common.security.op.verify-audit");
        chain.sealAll();
        return chain.verify();
    }

    private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" and ").append(condition);
            params.add(value instanceof Instant i ? java.sql.Timestamp.from(i) : value);
        }
    }

    private static RegionCode parseRegion(String raw) {
        if (!RegionCode.isValid(raw)) {
            throw ProblemException.invalidField("region", "common.audit.not-region", raw);
        }
        return RegionCode.parse(raw);
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "common.audit.not-instant", raw);
        }
    }
}
