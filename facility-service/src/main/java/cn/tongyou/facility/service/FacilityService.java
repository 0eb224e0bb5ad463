package cn.tongyou.facility.service;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.http.ETags;
import cn.tongyou.common.audit.AuditTrail;
import cn.tongyou.common.outbox.OutboxWriter;
import cn.tongyou.common.paging.Page;
import cn.tongyou.common.paging.PageParams;
import cn.tongyou.common.problem.Problem;
import cn.tongyou.common.problem.ProblemException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.security.RegionScope;
import cn.tongyou.facility.domain.FacilityStatus;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.events.FacilityEvents;
import cn.tongyou.facility.store.FacilityEntity;
import cn.tongyou.facility.store.FacilityStore;
import cn.tongyou.facility.store.FacilityStore.FacilityRef;
import cn.tongyou.facility.store.FacilityStore.RegionRef;
import cn.tongyou.facility.store.FacilityTypeStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Registers, changes and deletes facilities: checks, region scope, optimistic locking under a row lock, lifecycle
 * history and the outbox event, all in one transaction.
 */
@ApplicationScoped
public class FacilityService {

    /** Business dates (status dates, "today") are Beijing time. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final double MAX_RADIUS_METERS = 50_000;

    @Inject
    FacilityStore facilities;

    @Inject
    FacilityTypeStore types;

    @Inject
    RegionScope scope;

    @Inject
    OutboxWriter outbox;

    @Inject
    AuditTrail audit;

    @Inject
    FacilityEvents events;

    @Inject
    ObjectMapper mapper;

    FacilityAssembler assembler;

    @PostConstruct
    void init() {
        assembler = new FacilityAssembler(mapper);
    }

    /** A live facility with its history; a deleted one answers 404 like an unknown id (the audit trail keeps it). */
    public FacilityRead get(UUID id) {
        FacilityStore.Stored stored = facilities.readLive(id).orElseThrow(() -> notFound(id));
        return new FacilityRead(assembler.read(stored.facility()), null,
                stored.history().stream().map(FacilityAssembler::read).toList());
    }

    /** Scope of the Idempotency-Key of a registration (bound to the caller's subject by the store). */
    public static final String CREATE_IDEMPOTENCY_SCOPE = "facility-create";

    @Transactional
    public FacilityRead create(FacilityInput in) {
        RegionCode region = FacilityAssembler.regionOrNull(in.regionCode());
        if (region != null) {
            scope.requireWrite(region);
        }
        FacilityAssembler.Assembly a = assembler.assemble(in, null, lookups(), today());
        raise(a);
        Instant now = FacilityAssembler.now();
        FacilityEntity f = a.candidate();
        f.id = UUID.randomUUID();
        f.version = 1;
        f.createdAt = now;
        f.updatedAt = now;
        f.updatedBy = scope.subject();
        facilities.persist(f);
        flush();
        record(f, a.step(), now);
        outbox.append(events.changed(f));
        return withHistory(f);
    }

    @Transactional
    public FacilityRead update(UUID id, String ifMatch, FacilityInput in) {
        ETags.versions(ifMatch); // 428 before anything else when the header is missing
        FacilityEntity f = live(id);
        scope.requireWrite(RegionCode.parse(f.regionCode));
        ETags.requireMatch(ifMatch, f.version, "facility.noun.the-facility");
        RegionCode region = FacilityAssembler.regionOrNull(in.regionCode());
        if (region != null) {
            scope.requireWrite(region);
        }
        FacilityAssembler.Assembly a = assembler.assemble(in, f, lookups(), today());
        raise(a);
        if (assembler.differs(f, a)) {
            Instant now = FacilityAssembler.now();
            FacilityAssembler.copyContent(a.candidate(), f);
            f.version++;
            f.updatedAt = now;
            f.updatedBy = scope.subject();
            flush();
            record(f, a.step(), now);
            outbox.append(events.changed(f));
        }
        return withHistory(f);
    }

    /**
     * Deletes a registration made in error, softly: the row keeps its content, status history and the who, when and
     * why of the deletion; lists, coverage, imports and reads by id no longer see it. Coordinators and admins only
     * (the resource's roles), within their region. Publishes {@code cfc.facility.deleted.v1} as before; the audit
     * trail records that event and, beside it, the reason ({@link #DELETION_AUDIT_TYPE}).
     */
    @Transactional
    public void delete(UUID id, String ifMatch, String reason) {
        ETags.versions(ifMatch); // 428 before anything else when the header is missing
        String why = deletionReason(reason);
        FacilityEntity f = live(id);
        scope.requireWrite(RegionCode.parse(f.regionCode));
        ETags.requireMatch(ifMatch, f.version, "facility.noun.the-facility");
        long hosted = facilities.countHosted(id);
        if (hosted > 0) {
            throw ProblemException.conflict(hosted == 1 ? "facility.facility.hosts.one" : "facility.facility.hosts", hosted);
        }
        Instant now = FacilityAssembler.now();
        outbox.append(events.deleted(f, now));
        f.version++;
        f.updatedAt = now;
        f.updatedBy = scope.subject();
        f.deletedAt = now;
        f.deletedBy = f.updatedBy;
        f.deletionReason = why;
        flush();
        audit.recordChange(DELETION_AUDIT_TYPE, f.id.toString(), f.version, f.regionCode,
                new Deletion(f.id.toString(), f.typeCode, f.name, f.regionCode, f.externalId, f.version, why),
                "deleted: " + why);
    }

    /** The audit record of a deletion's reason (the event keeps its schema, which has no reason). */
    public static final String DELETION_AUDIT_TYPE = "facility-deletion";
    /** Longest deletion reason. */
    public static final int MAX_REASON = 500;

    /** What the audit trail keeps of a deletion beside the event. */
    public record Deletion(String id, String type, String name, String regionCode, String externalId, long version,
                           String reason) {
    }

    /** The required reason of a deletion: 1–500 characters, no control characters (400 otherwise). */
    static String deletionReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw ProblemException.invalidField("reason", "facility.delete.reason-required", MAX_REASON);
        }
        if (why.length() > MAX_REASON) {
            throw ProblemException.invalidField("reason", "facility.delete.reason-length", MAX_REASON, why.length());
        }
        if (why.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidField("reason", "facility.delete.reason-control");
        }
        return why;
    }

    /** The live facility, locked until the transaction ends; 404 for an unknown or deleted one. */
    private FacilityEntity live(UUID id) {
        return facilities.findForUpdate(id).filter(e -> !e.deleted()).orElseThrow(() -> notFound(id));
    }

    public Page<FacilityRead> list(String region, String type, String status, String near, boolean includeClosed,
                                   String externalId, PageParams page) {
        List<Issue> violations = new ArrayList<>();
        String pattern = null;
        if (region != null && !region.isBlank()) {
            RegionCode code = RequestParameters.region("region", region, violations);
            if (code != null) {
                if (facilities.region(code.value()).isEmpty()) {
                    throw ProblemException.notFound("facility.region.not-registered", code.value());
                }
                pattern = code.subtreePattern();
            }
        }
        String typeCode = null;
        if (type != null && !type.isBlank()) {
            typeCode = types.find(type).map(FacilityType::code).orElse(null);
            if (typeCode == null) {
                violations.add(Issue.of("type", "facility.type.unknown", type, String.join(", ", types.codes())));
            }
        }
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                Optional<FacilityStatus> parsed = FacilityStatus.find(s);
                if (parsed.isEmpty()) {
                    violations.add(Issue.of("status", "facility.status.unknown", s.strip(), String.join(", ", FacilityStatus.codes())));
                } else {
                    statuses.add(parsed.get().code());
                }
            }
        }
        FacilityStore.Near nearFilter = null;
        if (near != null && !near.isBlank()) {
            nearFilter = parseNear(near, violations);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        FacilityStore.ListFilter filter = new FacilityStore.ListFilter(pattern, typeCode, statuses, includeClosed,
                externalId == null || externalId.isBlank() ? null : externalId.strip(), nearFilter);
        List<FacilityStore.Hit> hits = facilities.search(filter, Math.toIntExact(page.offset()), page.size);
        long total = hits.isEmpty() && page.page == 1 ? 0 : facilities.count(filter);
        Map<UUID, Double> distances = hits.stream().filter(h -> h.distanceMeters() != null)
                .collect(Collectors.toMap(FacilityStore.Hit::id, FacilityStore.Hit::distanceMeters));
        List<FacilityRead> items = facilities.byIds(hits.stream().map(FacilityStore.Hit::id).toList()).stream()
                .map(f -> new FacilityRead(assembler.read(f), distances.get(f.id), null)).toList();
        return Page.of(items, page, total);
    }

    static FacilityStore.Near parseNear(String near, List<Issue> violations) {
        String[] parts = near.split(",");
        if (parts.length != 3) {
            violations.add(Issue.of("near", "facility.near.format"));
            return null;
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                violations.add(Issue.of("near", "facility.near.not-number", parts[i].strip()));
                return null;
            }
        }
        boolean ok = true;
        if (!(values[0] >= -90 && values[0] <= 90)) {
            violations.add(Issue.of("near", "facility.near.latitude"));
            ok = false;
        }
        if (!(values[1] >= -180 && values[1] <= 180)) {
            violations.add(Issue.of("near", "facility.near.longitude"));
            ok = false;
        }
        if (!(values[2] > 0 && values[2] <= MAX_RADIUS_METERS)) {
            violations.add(Issue.of("near", "facility.near.radius"));
            ok = false;
        }
        return ok ? new FacilityStore.Near(values[0], values[1], values[2]) : null;
    }

    // --- shared with the import -------------------------------------------------------------------------------------

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    FacilityAssembler.Lookups lookups() {
        return new FacilityAssembler.Lookups() {
            @Override
            public Optional<FacilityType> type(String code) {
                return types.find(code);
            }

            @Override
            public Collection<String> typeCodes() {
                return types.codes();
            }

            @Override
            public Optional<RegionRef> region(String code) {
                return facilities.region(code);
            }

            @Override
            public Optional<FacilityRef> facility(UUID id) {
                return Optional.ofNullable(facilities.refsByIds(List.of(id)).get(id));
            }

            @Override
            public Optional<FacilityRef> facilityByExternalId(String externalId) {
                return facilities.refByExternalId(externalId);
            }
        };
    }

    static void raise(FacilityAssembler.Assembly a) {
        if (!a.issues().isEmpty()) {
            throw ProblemException.invalidIssues(a.issues());
        }
        if (a.conflict() != null) {
            throw ProblemException.conflict(a.conflict());
        }
    }

    private void record(FacilityEntity f, FacilityAssembler.StatusStep step, Instant now) {
        if (step != null) {
            facilities.record(step.recordFor(f.id, f.updatedBy, now));
        }
    }

    /** Writes pending changes now, so that a unique or foreign-key violation becomes a 409 rather than a 500. */
    private void flush() {
        try {
            facilities.flush();
        } catch (PersistenceException e) {
            if (e instanceof org.hibernate.exception.ConstraintViolationException violation
                    || e.getCause() instanceof org.hibernate.exception.ConstraintViolationException) {
                throw ProblemException.conflict("facility.facility.concurrent");
            }
            throw e;
        }
    }

    private FacilityRead withHistory(FacilityEntity f) {
        return new FacilityRead(assembler.read(f), null,
                facilities.history(f.id).stream().map(FacilityAssembler::read).toList());
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("facility.facility.not-found", id);
    }
}
