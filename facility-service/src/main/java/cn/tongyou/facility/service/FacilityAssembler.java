package cn.tongyou.facility.service;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.Facility;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.facility.domain.FacilityCertification;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.facility.domain.FacilityLifecycle;
import cn.tongyou.facility.domain.FacilityStandard;
import cn.tongyou.facility.domain.FacilityStatus;
import cn.tongyou.facility.domain.FacilityStatusChange;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValues;
import cn.tongyou.facility.domain.HostRule;
import cn.tongyou.facility.store.FacilityEntity;
import cn.tongyou.facility.store.FacilityStatusChangeEntity;
import cn.tongyou.facility.store.FacilityStore.FacilityRef;
import cn.tongyou.facility.store.FacilityStore.RegionRef;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a {@link FacilityInput} against the facility rules and turns it into the row it describes: the shared
 * logic of POST, PUT and bulk import. Lookups (types, regions, hosts) come through {@link Lookups} so that the import
 * can answer them from batched queries.
 */
final class FacilityAssembler {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 500;
    static final int MAX_EXTERNAL_ID = 100;
    /**
     * Bounds of the attributes: a facility's attributes travel in every event of it, and 50 attributes of at most
     * 2,000 characters stay far below the outbox's event size limit (cfc.outbox.max-event-bytes).
     */
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_ATTRIBUTE_NAME = 100;
    static final int MAX_ATTRIBUTE_VALUE = 2_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    /** What the assembler needs to look up. */
    interface Lookups {
        Optional<FacilityType> type(String code);

        Collection<String> typeCodes();

        Optional<RegionRef> region(String code);

        Optional<FacilityRef> facility(UUID id);

        Optional<FacilityRef> facilityByExternalId(String externalId);
    }

    /** A lifecycle step to record. */
    record StatusStep(String from, String to, LocalDate date, String reason) {
        FacilityStatusChangeEntity recordFor(UUID facilityId, String by, Instant at) {
            FacilityStatusChangeEntity change = new FacilityStatusChangeEntity();
            change.facilityId = facilityId;
            change.fromStatus = from;
            change.toStatus = to;
            change.changedOn = date;
            change.reason = reason;
            change.changedBy = by;
            change.recordedAt = at;
            return change;
        }
    }

    /**
     * @param issues    invalid values (400, or row errors in an import)
     * @param conflict  a change the current state forbids (409), or null
     * @param candidate the row the input describes (id, version and timestamps not set), null when there are issues
     * @param step      the status change to record, or null when the status stays
     */
    record Assembly(List<Issue> issues, Message conflict, FacilityEntity candidate, Map<String, Object> attributes,
                    Map<String, Object> checklist, StatusStep step) {
        boolean ok() {
            return issues.isEmpty() && conflict == null;
        }
    }

    private final ObjectMapper mapper;

    FacilityAssembler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses a region code for the scope check before everything else; null when it does not parse. */
    static RegionCode regionOrNull(String raw) {
        try {
            return raw == null ? null : RegionCode.parse(raw);
        } catch (InvalidRegionCodeException e) {
            return null;
        }
    }

    /**
     * @param existing the current row for an update or upsert (not modified), null for a new facility
     * @param today    the date "today" for default status dates
     */
    Assembly assemble(FacilityInput in, FacilityEntity existing, Lookups lookups, LocalDate today) {
        Draft draft = new Draft(in, existing, lookups);
        draft.checkType();
        draft.checkNameAndAddress();
        draft.checkRegion();
        draft.checkLocation();
        StatusStep step = draft.checkStatus(today);
        draft.checkCertification();
        draft.checkHost();
        Map<String, Object> attributes = draft.checkAttributes();
        Map<String, Object> checklist = draft.evaluateChecklist();
        draft.checkExternalId();
        draft.c.generated = Boolean.TRUE.equals(in.generated());

        List<Issue> issues = draft.issues.stream().distinct().toList();
        return new Assembly(issues, draft.conflict, issues.isEmpty() ? draft.c : null, attributes, checklist, step);
    }

    /**
     * One input on its way to a candidate row: each check adds its issues, fills the fields it vouches for, and may
     * name a conflict (the first one found is the one reported).
     */
    private final class Draft {
        final FacilityInput in;
        final FacilityEntity existing;
        final Lookups lookups;
        final List<Issue> issues = new ArrayList<>();
        final FacilityEntity c = new FacilityEntity();
        Message conflict;
        FacilityType type;

        Draft(FacilityInput in, FacilityEntity existing, Lookups lookups) {
            this.in = in;
            this.existing = existing;
            this.lookups = lookups;
        }

        void conflict(Message message) {
            if (conflict == null) {
                conflict = message;
            }
        }

        void checkType() {
            if (blank(in.type())) {
                issues.add(Issue.of("type", "facility.type.required", String.join(", ", lookups.typeCodes())));
                return;
            }
            type = lookups.type(in.type().strip()).orElse(null);
            if (type == null) {
                issues.add(Issue.of("type", "facility.type.unknown", in.type(), String.join(", ", lookups.typeCodes())));
                return;
            }
            if (existing != null && !existing.typeCode.equals(type.code())) {
                conflict(Message.of("facility.facility.type-fixed", existing.typeCode));
            }
            c.typeCode = type.code();
        }

        void checkNameAndAddress() {
            if (blank(in.name())) {
                issues.add(Issue.of("name", "common.field.required"));
            } else if (in.name().strip().length() > MAX_NAME) {
                issues.add(Issue.of("name", "facility.field.at-most", MAX_NAME));
            } else {
                c.name = in.name().strip();
            }
            if (!blank(in.address())) {
                if (in.address().strip().length() > MAX_TEXT) {
                    issues.add(Issue.of("address", "facility.field.at-most", MAX_TEXT));
                } else {
                    c.address = in.address().strip();
                }
            }
        }

        void checkRegion() {
            if (blank(in.regionCode())) {
                issues.add(Issue.of("regionCode", "common.field.required"));
                return;
            }
            RegionCode code;
            try {
                code = RegionCode.parse(in.regionCode());
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("regionCode", Message.of(e)));
                return;
            }
            Optional<RegionRef> region = lookups.region(code.value());
            if (region.isEmpty()) {
                issues.add(Issue.of("regionCode", "facility.region.not-registered", code.value()));
            } else if (region.get().retired() && (existing == null || !code.value().equals(existing.regionCode))) {
                // a facility already in a region that has since been retired may stay there (to be closed, say);
                // nothing new is placed in a retired region
                issues.add(Issue.of("regionCode", "facility.region.retired-use-successor", code.value(), region.get().name(),
                        region.get().validTo()));
            } else if (type != null && type.unitLevel() != null && code.level() != type.unitLevel()) {
                issues.add(Issue.of("regionCode", "facility.facility.unit-level", type.nameZh(), type.code(),
                        unitWord(type.unitLevel()), type.unitLevel().code(), type.unitLevel().digits(), code.value(),
                        code.level().code()));
            } else {
                c.regionCode = code.value();
            }
        }

        void checkLocation() {
            if (in.location() == null) {
                return;
            }
            Double lat = in.location().lat();
            Double lng = in.location().lng();
            checkDegrees("location.lat", lat, 90);
            checkDegrees("location.lng", lng, 180);
            c.lat = lat;
            c.lng = lng;
        }

        private void checkDegrees(String field, Double value, double limit) {
            if (value == null) {
                issues.add(Issue.of(field, "facility.location.both"));
            } else if (!Double.isFinite(value) || value < -limit || value > limit) {
                issues.add(Issue.of(field, "facility.location.degrees", (int) limit, value));
            }
        }

        /** The status, its dates and the lifecycle step to record (null when the status stays). */
        StatusStep checkStatus(LocalDate today) {
            FacilityStatus status = parseStatus();
            if (in.statusDate() != null && in.statusDate().isAfter(today)) {
                issues.add(Issue.of("statusDate", "facility.status.future"));
            }
            StatusStep step = status == null ? null : applyStatus(status, today);
            if (in.statusReason() != null && in.statusReason().length() > MAX_TEXT) {
                issues.add(Issue.of("statusReason", "facility.field.at-most", MAX_TEXT));
            }
            return step;
        }

        private FacilityStatus parseStatus() {
            if (blank(in.status())) {
                issues.add(Issue.of("status", "facility.status.required", String.join(", ", FacilityStatus.codes())));
                return null;
            }
            FacilityStatus status = FacilityStatus.find(in.status()).orElse(null);
            if (status == null) {
                issues.add(Issue.of("status", "facility.status.unknown", in.status(), String.join(", ", FacilityStatus.codes())));
            }
            return status;
        }

        private StatusStep applyStatus(FacilityStatus status, LocalDate today) {
            c.status = status.code();
            FacilityStatus from = existing == null ? null : FacilityStatus.ofCode(existing.status);
            Optional<Message> refusal = from == null ? FacilityLifecycle.refusalAtCreation(status) : FacilityLifecycle.refusal(from, status);
            refusal.ifPresent(this::conflict);
            if (in.closedOn() != null && status != FacilityStatus.CLOSED) {
                issues.add(Issue.of("closedOn", "facility.status.closed-on", status.code()));
            }
            StatusStep step = null;
            if (from != status) {
                LocalDate date = stepDate(status, today);
                if (existing != null && existing.statusSince != null && date.isBefore(existing.statusSince)) {
                    issues.add(Issue.of("statusDate", "facility.status.before-current", date, existing.statusSince));
                }
                step = new StatusStep(from == null ? null : from.code(), status.code(), date, trimToNull(in.statusReason(), MAX_TEXT));
                c.statusSince = date;
            } else {
                c.statusSince = existing.statusSince;
            }
            applyOpenedAndClosed(status, from);
            return step;
        }

        /** When a new status takes effect: as given, else the opening or closing date it implies, else today. */
        private LocalDate stepDate(FacilityStatus status, LocalDate today) {
            if (in.statusDate() != null) {
                return in.statusDate();
            }
            return status == FacilityStatus.OPEN && in.openedOn() != null ? in.openedOn()
                    : status == FacilityStatus.CLOSED && in.closedOn() != null ? in.closedOn() : today;
        }

        private void applyOpenedAndClosed(FacilityStatus status, FacilityStatus from) {
            c.openedOn = in.openedOn();
            c.closedOn = in.closedOn();
            if (status == FacilityStatus.OPEN && c.openedOn == null) {
                c.openedOn = existing != null && existing.openedOn != null ? existing.openedOn : c.statusSince;
            }
            if (status == FacilityStatus.CLOSED && c.closedOn == null) {
                c.closedOn = from == status && existing.closedOn != null ? existing.closedOn : c.statusSince;
            }
            if (c.openedOn != null && c.closedOn != null && c.openedOn.isAfter(c.closedOn)) {
                issues.add(Issue.of(in.closedOn() != null ? "closedOn" : "statusDate", "facility.status.close-before-open",
                        c.closedOn, c.openedOn));
            }
        }

        void checkCertification() {
            if (blank(in.certificationLevel())) {
                return;
            }
            Optional<FacilityCertification> level = FacilityCertification.find(in.certificationLevel());
            if (level.isEmpty()) {
                issues.add(Issue.of("certificationLevel", "facility.certification.unknown", in.certificationLevel(),
                        String.join(", ", FacilityCertification.codes())));
            } else {
                c.certificationLevel = level.get().code();
            }
        }

        void checkHost() {
            if (in.hostFacilityId() == null && blank(in.hostExternalId())) {
                return;
            }
            String field = in.hostFacilityId() != null ? "hostFacilityId" : "hostExternalId";
            if (type == null) {
                return;
            }
            if (type.hostedBy() == null) {
                issues.add(Issue.of(field, "facility.host.none", type.code(), hostedTypes(lookups)));
                return;
            }
            Optional<FacilityRef> host = in.hostFacilityId() != null
                    ? lookups.facility(in.hostFacilityId())
                    : lookups.facilityByExternalId(in.hostExternalId().strip());
            if (host.isEmpty()) {
                issues.add(in.hostFacilityId() != null ? Issue.of(field, "facility.host.not-found", in.hostFacilityId())
                        : Issue.of(field, "facility.host.external-not-found", in.hostExternalId().strip()));
            } else if (!type.hostedBy().equals(host.get().typeCode())) {
                issues.add(Issue.of(field, "facility.host.wrong-type", type.code(), type.hostedBy(), host.get().typeCode()));
            } else if (existing != null && host.get().id().equals(existing.id)) {
                issues.add(Issue.of(field, "facility.host.itself"));
            } else if (in.hostFacilityId() != null && !blank(in.hostExternalId())
                    && !in.hostExternalId().strip().equals(host.get().externalId())) {
                issues.add(Issue.of("hostExternalId", "facility.host.mismatch"));
            } else {
                c.hostFacilityId = host.get().id();
            }
        }

        /** Checks the attributes the type declares and applies the host rule; returns the normalised attributes. */
        Map<String, Object> checkAttributes() {
            Map<String, Object> attributes = FacilityValues.normalise(in.attributes());
            if (attributes.size() > MAX_ATTRIBUTES) {
                issues.add(Issue.of("attributes", "facility.attribute.too-many", MAX_ATTRIBUTES, attributes.size()));
            }
            for (Map.Entry<String, Object> entry : attributes.entrySet()) {
                checkAttribute(entry.getKey(), entry.getValue());
            }
            c.attributes = json(attributes);
            if (type != null && type.appliesHostRule()) {
                c.hostRequired = HostRule.hostRequired(attributes);
            }
            return attributes;
        }

        private void checkAttribute(String name, Object value) {
            if (name.isBlank() || name.length() > MAX_ATTRIBUTE_NAME) {
                issues.add(Issue.of("attributes", "facility.attribute.name-length"));
                return;
            }
            Optional<FacilityAttribute> declared = type == null ? Optional.empty() : type.attribute(name);
            if (declared.isEmpty()) {
                // kept as given: a text of at most MAX_ATTRIBUTE_VALUE characters, other values as JSON text
                int length = value instanceof String text ? text.length() : json(value).length();
                if (length > MAX_ATTRIBUTE_VALUE) {
                    issues.add(Issue.of("attributes." + name, value instanceof String ? "facility.attribute.value-length"
                            : "facility.attribute.value-length.json", MAX_ATTRIBUTE_VALUE, length));
                }
                return;
            }
            String field = "attributes." + name;
            Optional<Message> wrong = declared.get().valueType().problem(value);
            if (wrong.isPresent()) {
                issues.add(new Issue(field, wrong.get()));
            } else if (declared.get().minimum() != null && value instanceof Number n
                    && n.doubleValue() < declared.get().minimum()) {
                issues.add(Issue.of(field, "facility.attribute.at-least", FacilityValues.normaliseNumber(declared.get().minimum())));
            }
        }

        /** Evaluates the checklist against the type's standard; returns the normalised checklist. */
        Map<String, Object> evaluateChecklist() {
            Map<String, Object> checklist = FacilityValues.normalise(in.checklist());
            if (type != null) {
                FacilityStandard.Evaluation evaluation = FacilityStandard.evaluate(type, checklist);
                issues.addAll(evaluation.problems());
                c.meetsStandard = evaluation.meetsStandard();
                c.standardGaps = json(evaluation.gaps());
            }
            c.checklist = json(checklist);
            return checklist;
        }

        void checkExternalId() {
            if (blank(in.externalId())) {
                return;
            }
            String externalId = in.externalId().strip();
            if (externalId.length() > MAX_EXTERNAL_ID) {
                issues.add(Issue.of("externalId", "facility.field.at-most", MAX_EXTERNAL_ID));
                return;
            }
            Optional<FacilityRef> holder = lookups.facilityByExternalId(externalId);
            if (holder.isPresent() && (existing == null || !holder.get().id().equals(existing.id))) {
                conflict(Message.of("facility.facility.external-id-used", externalId, holder.get().id()));
            }
            c.externalId = externalId;
        }
    }

    /** Whether {@code candidate} says something different from {@code existing} (timestamps and version aside). */
    boolean differs(FacilityEntity existing, Assembly assembly) {
        FacilityEntity c = assembly.candidate();
        return !Objects.equals(existing.name, c.name)
                || !Objects.equals(existing.regionCode, c.regionCode)
                || !Objects.equals(existing.address, c.address)
                || !Objects.equals(existing.lat, c.lat)
                || !Objects.equals(existing.lng, c.lng)
                || !Objects.equals(existing.status, c.status)
                || !Objects.equals(existing.statusSince, c.statusSince)
                || !Objects.equals(existing.openedOn, c.openedOn)
                || !Objects.equals(existing.closedOn, c.closedOn)
                || !Objects.equals(existing.certificationLevel, c.certificationLevel)
                || !Objects.equals(existing.hostFacilityId, c.hostFacilityId)
                || !Objects.equals(FacilityValues.normalise(map(existing.attributes)), assembly.attributes())
                || !Objects.equals(FacilityValues.normalise(map(existing.checklist)), assembly.checklist())
                || existing.meetsStandard != c.meetsStandard
                || !Objects.equals(list(existing.standardGaps), list(c.standardGaps))
                || !Objects.equals(existing.hostRequired, c.hostRequired)
                || !Objects.equals(existing.externalId, c.externalId)
                || existing.generated != c.generated;
    }

    /** The stored row as it is read, its JSON columns parsed. */
    Facility read(FacilityEntity f) {
        return new Facility(f.id, f.typeCode, f.name, f.regionCode, f.address, f.lat, f.lng, f.status, f.statusSince,
                f.openedOn, f.closedOn, f.certificationLevel, f.hostFacilityId, FacilityValues.normalise(map(f.attributes)),
                FacilityValues.normalise(map(f.checklist)), f.meetsStandard, list(f.standardGaps), f.hostRequired,
                f.externalId, f.generated, f.version, f.createdAt, f.updatedAt, f.updatedBy);
    }

    static FacilityStatusChange read(FacilityStatusChangeEntity h) {
        return new FacilityStatusChange(h.fromStatus, h.toStatus, h.changedOn, h.reason, h.changedBy, h.recordedAt);
    }

    /** Copies the candidate's content onto {@code target} (a managed entity or a row to write). */
    static void copyContent(FacilityEntity c, FacilityEntity target) {
        target.typeCode = c.typeCode;
        target.name = c.name;
        target.regionCode = c.regionCode;
        target.address = c.address;
        target.lat = c.lat;
        target.lng = c.lng;
        target.status = c.status;
        target.statusSince = c.statusSince;
        target.openedOn = c.openedOn;
        target.closedOn = c.closedOn;
        target.certificationLevel = c.certificationLevel;
        target.hostFacilityId = c.hostFacilityId;
        target.attributes = c.attributes;
        target.checklist = c.checklist;
        target.meetsStandard = c.meetsStandard;
        target.standardGaps = c.standardGaps;
        target.hostRequired = c.hostRequired;
        target.externalId = c.externalId;
        target.generated = c.generated;
    }

    Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not an object", e);
        }
    }

    List<String> list(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a list", e);
        }
    }

    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value is not serialisable to JSON", e);
        }
    }

    private static String hostedTypes(Lookups lookups) {
        return String.join(", ", lookups.typeCodes().stream()
                .map(lookups::type).flatMap(Optional::stream)
                .filter(t -> t.hostedBy() != null).map(FacilityType::code).toList());
    }

    private static Object unitWord(RegionLevel level) {
        return level == RegionLevel.VILLAGE ? Message.of("facility.noun.village") : level.code();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimToNull(String s, int max) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
