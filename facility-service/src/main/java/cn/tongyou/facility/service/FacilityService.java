package cn.tongyou.facility.service;

import cn.tongyou.common.problem.RequestParameters;
import cn.tongyou.common.http.ETags;
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
    FacilityEvents events;

    @Inject
    ObjectMapper mapper;

    FacilityAssembler assembler;

    @PostConstruct
    void init() {
        assembler = new FacilityAssembler(mapper);
    }

    public FacilityRead get(UUID id) {
        FacilityEntity f = facilities.findByIdOptional(id).orElseThrow(() -> notFound(id));
        return withHistory(f);
    }

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
        FacilityEntity f = facilities.findForUpdate(id).orElseThrow(() -> notFound(id));
        scope.requireWrite(RegionCode.parse(f.regionCode));
        ETags.requireMatch(ifMatch, f.version, "the facility");
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

    @Transactional
    public void delete(UUID id, String ifMatch) {
        ETags.versions(ifMatch); // 428 before anything else when the header is missing
        FacilityEntity f = facilities.findForUpdate(id).orElseThrow(() -> notFound(id));
        scope.requireWrite(RegionCode.parse(f.regionCode));
        ETags.requireMatch(ifMatch, f.version, "the facility");
        long hosted = facilities.countHosted(id);
        if (hosted > 0) {
            throw ProblemException.conflict(hosted + " facilit" + (hosted == 1 ? "y names" : "ies name")
                    + " this facility as host (hostFacilityId); delete them or change their host first");
        }
        outbox.append(events.deleted(f, FacilityAssembler.now()));
        facilities.delete(f);
        flush();
    }

    public Page<FacilityRead> list(String region, String type, String status, String near, boolean includeClosed,
                                   String externalId, PageParams page) {
        List<Problem.Violation> violations = new ArrayList<>();
        String pattern = null;
        if (region != null && !region.isBlank()) {
            RegionCode code = RequestParameters.region("region", region, violations);
            if (code != null) {
                if (facilities.region(code.value()).isEmpty()) {
                    throw ProblemException.notFound("no region " + code.value() + " in the region register");
                }
                pattern = code.subtreePattern();
            }
        }
        String typeCode = null;
        if (type != null && !type.isBlank()) {
            typeCode = types.find(type).map(FacilityType::code).orElse(null);
            if (typeCode == null) {
                violations.add(Problem.Violation.field("type", "unknown facility type '" + type + "'; known types: "
                        + String.join(", ", types.codes())));
            }
        }
        List<String> statuses = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            for (String s : status.split(",")) {
                Optional<FacilityStatus> parsed = FacilityStatus.find(s);
                if (parsed.isEmpty()) {
                    violations.add(Problem.Violation.field("status", "unknown status '" + s.strip() + "'; one of "
                            + String.join(", ", FacilityStatus.codes())));
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

    static FacilityStore.Near parseNear(String near, List<Problem.Violation> violations) {
        String[] parts = near.split(",");
        if (parts.length != 3) {
            violations.add(Problem.Violation.field("near", "must be lat,lng,radiusMeters (WGS-84 degrees and metres), e.g. 34.79,113.37,5000"));
            return null;
        }
        double[] values = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                violations.add(Problem.Violation.field("near", "'" + parts[i].strip() + "' is not a number; expected lat,lng,radiusMeters"));
                return null;
            }
        }
        boolean ok = true;
        if (!(values[0] >= -90 && values[0] <= 90)) {
            violations.add(Problem.Violation.field("near", "latitude must be between -90 and 90"));
            ok = false;
        }
        if (!(values[1] >= -180 && values[1] <= 180)) {
            violations.add(Problem.Violation.field("near", "longitude must be between -180 and 180"));
            ok = false;
        }
        if (!(values[2] > 0 && values[2] <= MAX_RADIUS_METERS)) {
            violations.add(Problem.Violation.field("near", "radius must be more than 0 and at most 50000 metres (50 km)"));
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
                throw ProblemException.conflict("the change conflicts with another facility registered at the same time "
                        + "(unique externalId or a host being deleted); reload and try again");
            }
            throw e;
        }
    }

    private FacilityRead withHistory(FacilityEntity f) {
        return new FacilityRead(assembler.read(f), null,
                facilities.history(f.id).stream().map(FacilityAssembler::read).toList());
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no facility " + id);
    }
}
