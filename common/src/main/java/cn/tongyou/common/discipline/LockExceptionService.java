package cn.tongyou.common.discipline;

import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.Caller;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Grants, lists and revokes period lock exceptions ({@link LockExceptionRules} decides who may). Each grant and
 * revocation leaves an audit record; no event: an exception changes what this service accepts, not a fact others
 * project. Exceptions live in real time ({@code Instant.now()}), like the records they let through.
 */
@ApplicationScoped
@IfBuildProperty(name = "cfc.discipline.lock-exceptions.enabled", stringValue = "true")
public class LockExceptionService {

    static final String AGGREGATE = "period-lock-exception";

    @Inject
    LockExceptionStore store;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Transactional
    public LockException grant(LockExceptionRequest request) {
        Instant now = now();
        LockExceptionRules.Grant grant = LockExceptionRules.grant(grantor(), request.region(), request.period(),
                request.dataSet(), request.validUntil(), request.reason(), now);
        UUID id = UUID.randomUUID();
        store.insert(id, grant, caller.subject(), now);
        LockException granted = store.find(id, now).orElseThrow();
        audit.recordChange(AGGREGATE, id.toString(), null, granted.region(), granted,
                "granted a period lock exception for " + granted.region() + " " + granted.period()
                        + (granted.dataSet() == null ? "" : " (" + granted.dataSet() + ")") + " until "
                        + granted.validUntil());
        return granted;
    }

    @Transactional
    public LockException revoke(UUID id, LockExceptionRevocation revocation) {
        Instant now = now();
        LockException exception = visible(store.findForUpdate(id, now), id);
        String reason = LockExceptionRules.revoke(grantor(), exception, revocation == null ? null : revocation.reason());
        store.revoke(id, caller.subject(), reason, now);
        LockException revoked = store.find(id, now).orElseThrow();
        audit.recordChange(AGGREGATE, id.toString(), null, revoked.region(), revoked,
                "revoked the period lock exception for " + revoked.region() + " " + revoked.period());
        return revoked;
    }

    public LockException get(UUID id) {
        return visible(store.find(id, now()), id);
    }

    /** Exceptions for regions in {@code region}'s subtree (403 outside the token's; default the token's region). */
    public Page<LockException> list(RegionCode region, String period, PageParams page) {
        Optional<RegionCode> scope = caller.scope().listRegion(region);
        return store.list(scope.orElse(null), period, page, now());
    }

    private LockException visible(Optional<LockException> found, UUID id) {
        return found.filter(e -> caller.scope().visible(e.region()))
                .orElseThrow(() -> ProblemException.notFound("common.discipline.exception.not-found", id));
    }

    private LockExceptionRules.Grantor grantor() {
        return new LockExceptionRules.Grantor(caller.actsForCoordinator(), caller.scope().isNationwide(),
                caller.scope().root().orElse(null));
    }

    /** Microseconds, as PostgreSQL keeps them, so that an answer equals a later read of the row. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
