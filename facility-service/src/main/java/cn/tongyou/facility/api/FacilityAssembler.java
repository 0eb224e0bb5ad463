package cn.tongyou.facility.api;

import cn.tongyou.common.region.InvalidRegionCodeException;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.facility.domain.FacilityCertification;
import cn.tongyou.common.problem.Issue;
import cn.tongyou.facility.domain.FacilityLifecycle;
import cn.tongyou.facility.domain.FacilityStandard;
import cn.tongyou.facility.domain.FacilityStatus;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValues;
import cn.tongyou.facility.domain.HostRule;
import cn.tongyou.facility.store.FacilityEntity;
import cn.tongyou.facility.store.FacilityRepository.FacilityRef;
import cn.tongyou.facility.store.FacilityRepository.RegionRef;
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
    }

    /**
     * @param issues    invalid values (400, or row errors in an import)
     * @param conflict  a change the current state forbids (409), or null
     * @param candidate the row the input describes (id, version and timestamps not set), null when there are issues
     * @param step      the status change to record, or null when the status stays
     */
    record Assembly(List<Issue> issues, String conflict, FacilityEntity candidate, FacilityType type,
                    Map<String, Object> attributes, Map<String, Object> checklist, StatusStep step) {
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
        List<Issue> issues = new ArrayList<>();
        String conflict = null;
        FacilityEntity c = new FacilityEntity();

        // type
        FacilityType type = null;
        if (blank(in.type())) {
            issues.add(new Issue("type", "is required; known types: " + String.join(", ", lookups.typeCodes())));
        } else {
            type = lookups.type(in.type().strip()).orElse(null);
            if (type == null) {
                issues.add(new Issue("type", "unknown facility type '" + in.type() + "'; known types: "
                        + String.join(", ", lookups.typeCodes())));
            } else if (existing != null && !existing.typeCode.equals(type.code())) {
                conflict = "the type of a facility cannot change (it is " + existing.typeCode + "); delete the registration and register it again";
            }
        }
        if (type != null) {
            c.typeCode = type.code();
        }

        // name, address
        if (blank(in.name())) {
            issues.add(new Issue("name", "is required"));
        } else if (in.name().strip().length() > MAX_NAME) {
            issues.add(new Issue("name", "must be at most " + MAX_NAME + " characters"));
        } else {
            c.name = in.name().strip();
        }
        if (!blank(in.address())) {
            if (in.address().strip().length() > MAX_TEXT) {
                issues.add(new Issue("address", "must be at most " + MAX_TEXT + " characters"));
            } else {
                c.address = in.address().strip();
            }
        }

        // region
        if (blank(in.regionCode())) {
            issues.add(new Issue("regionCode", "is required"));
        } else {
            try {
                RegionCode code = RegionCode.parse(in.regionCode());
                Optional<RegionRef> region = lookups.region(code.value());
                if (region.isEmpty()) {
                    issues.add(new Issue("regionCode", "no region " + code.value() + " in the region register"));
                } else if (region.get().retired() && (existing == null || !code.value().equals(existing.regionCode))) {
                    // a facility already in a region that has since been retired may stay there (to be closed, say);
                    // nothing new is placed in a retired region
                    issues.add(new Issue("regionCode", "region " + code.value() + " (" + region.get().name()
                            + ") was retired on " + region.get().validTo() + "; use its successor"));
                } else if (type != null && type.unitLevel() != null && code.level() != type.unitLevel()) {
                    issues.add(new Issue("regionCode", type.nameZh() + " (" + type.code() + ") is one per "
                            + unitWord(type.unitLevel()) + ": it must be placed at a " + type.unitLevel().code()
                            + "-level region (" + type.unitLevel().digits() + "-digit code), but " + code.value() + " is a "
                            + code.level().code()));
                } else {
                    c.regionCode = code.value();
                }
            } catch (InvalidRegionCodeException e) {
                issues.add(new Issue("regionCode", e.getMessage()));
            }
        }

        // location
        if (in.location() != null) {
            Double lat = in.location().lat();
            Double lng = in.location().lng();
            if (lat == null) {
                issues.add(new Issue("location.lat", "is required when location is given (give both lat and lng, or neither)"));
            } else if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
                issues.add(new Issue("location.lat", "must be between -90 and 90 (WGS-84 degrees), was " + lat));
            }
            if (lng == null) {
                issues.add(new Issue("location.lng", "is required when location is given (give both lat and lng, or neither)"));
            } else if (!Double.isFinite(lng) || lng < -180 || lng > 180) {
                issues.add(new Issue("location.lng", "must be between -180 and 180 (WGS-84 degrees), was " + lng));
            }
            c.lat = lat;
            c.lng = lng;
        }

        // status and its dates
        FacilityStatus status = null;
        if (blank(in.status())) {
            issues.add(new Issue("status", "is required; one of " + String.join(", ", FacilityStatus.codes())));
        } else {
            status = FacilityStatus.find(in.status()).orElse(null);
            if (status == null) {
                issues.add(new Issue("status", "unknown status '" + in.status() + "'; one of "
                        + String.join(", ", FacilityStatus.codes())));
            }
        }
        StatusStep step = null;
        if (in.statusDate() != null && in.statusDate().isAfter(today)) {
            issues.add(new Issue("statusDate", "cannot be in the future"));
        }
        if (status != null) {
            c.status = status.code();
            FacilityStatus from = existing == null ? null : FacilityStatus.ofCode(existing.status);
            Optional<String> refusal = from == null ? FacilityLifecycle.refusalAtCreation(status) : FacilityLifecycle.refusal(from, status);
            if (refusal.isPresent() && conflict == null) {
                conflict = refusal.get();
            }
            if (in.closedOn() != null && status != FacilityStatus.CLOSED) {
                issues.add(new Issue("closedOn", "is only set on a closed facility (status is " + status.code() + ")"));
            }
            if (from != status) {
                LocalDate date = in.statusDate();
                if (date == null) {
                    date = status == FacilityStatus.OPEN && in.openedOn() != null ? in.openedOn()
                            : status == FacilityStatus.CLOSED && in.closedOn() != null ? in.closedOn() : today;
                }
                if (existing != null && existing.statusSince != null && date.isBefore(existing.statusSince)) {
                    issues.add(new Issue("statusDate", "the new status cannot take effect (" + date
                            + ") before the current one did (" + existing.statusSince + ")"));
                }
                step = new StatusStep(from == null ? null : from.code(), status.code(), date, trimToNull(in.statusReason(), MAX_TEXT));
                c.statusSince = date;
            } else {
                c.statusSince = existing.statusSince;
            }
            c.openedOn = in.openedOn();
            c.closedOn = in.closedOn();
            if (status == FacilityStatus.OPEN && c.openedOn == null) {
                c.openedOn = existing != null && existing.openedOn != null ? existing.openedOn : c.statusSince;
            }
            if (status == FacilityStatus.CLOSED && c.closedOn == null) {
                c.closedOn = from == status && existing.closedOn != null ? existing.closedOn : c.statusSince;
            }
            if (c.openedOn != null && c.closedOn != null && c.openedOn.isAfter(c.closedOn)) {
                issues.add(new Issue(in.closedOn() != null ? "closedOn" : "statusDate",
                        "the facility cannot close (" + c.closedOn + ") before it opened (" + c.openedOn + ")"));
            }
        }
        if (in.statusReason() != null && in.statusReason().length() > MAX_TEXT) {
            issues.add(new Issue("statusReason", "must be at most " + MAX_TEXT + " characters"));
        }

        // certification
        if (!blank(in.certificationLevel())) {
            Optional<FacilityCertification> level = FacilityCertification.find(in.certificationLevel());
            if (level.isEmpty()) {
                issues.add(new Issue("certificationLevel", "unknown certification level '" + in.certificationLevel()
                        + "'; one of " + String.join(", ", FacilityCertification.codes()) + " (区级/市级/省级示范)"));
            } else {
                c.certificationLevel = level.get().code();
            }
        }

        // host
        if (in.hostFacilityId() != null || !blank(in.hostExternalId())) {
            String field = in.hostFacilityId() != null ? "hostFacilityId" : "hostExternalId";
            if (type != null && type.hostedBy() == null) {
                issues.add(new Issue(field, "a " + type.code() + " has no host; only "
                        + hostedTypes(lookups) + " name a host facility"));
            } else if (type != null) {
                Optional<FacilityRef> host = in.hostFacilityId() != null
                        ? lookups.facility(in.hostFacilityId())
                        : lookups.facilityByExternalId(in.hostExternalId().strip());
                if (host.isEmpty()) {
                    issues.add(new Issue(field, "no facility " + (in.hostFacilityId() != null
                            ? in.hostFacilityId() : "with externalId '" + in.hostExternalId().strip() + "'")));
                } else if (!type.hostedBy().equals(host.get().typeCode())) {
                    issues.add(new Issue(field, "the host of a " + type.code() + " must be a " + type.hostedBy()
                            + " facility, not a " + host.get().typeCode()));
                } else if (existing != null && host.get().id().equals(existing.id)) {
                    issues.add(new Issue(field, "a facility cannot host itself"));
                } else if (in.hostFacilityId() != null && !blank(in.hostExternalId())
                        && !in.hostExternalId().strip().equals(host.get().externalId())) {
                    issues.add(new Issue("hostExternalId", "names a different facility than hostFacilityId"));
                } else {
                    c.hostFacilityId = host.get().id();
                }
            }
        }

        // attributes
        Map<String, Object> attributes = FacilityValues.normalise(in.attributes());
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            String field = "attributes." + entry.getKey();
            if (entry.getKey().isBlank() || entry.getKey().length() > 100) {
                issues.add(new Issue("attributes", "attribute names must have 1 to 100 characters"));
                continue;
            }
            Optional<FacilityAttribute> declared = type == null ? Optional.empty() : type.attribute(entry.getKey());
            if (declared.isPresent()) {
                Optional<String> wrong = declared.get().valueType().problem(entry.getValue());
                if (wrong.isPresent()) {
                    issues.add(new Issue(field, wrong.get()));
                } else if (declared.get().minimum() != null && entry.getValue() instanceof Number n
                        && n.doubleValue() < declared.get().minimum()) {
                    issues.add(new Issue(field, "must be at least " + FacilityValues.normaliseNumber(declared.get().minimum())));
                }
            }
        }
        c.attributes = json(attributes);
        if (type != null && type.appliesHostRule()) {
            c.hostRequired = HostRule.hostRequired(attributes);
        }

        // checklist
        Map<String, Object> checklist = FacilityValues.normalise(in.checklist());
        if (type != null) {
            FacilityStandard.Evaluation evaluation = FacilityStandard.evaluate(type, checklist);
            issues.addAll(evaluation.problems());
            c.meetsStandard = evaluation.meetsStandard();
            c.standardGaps = json(evaluation.gaps());
        }
        c.checklist = json(checklist);

        // external id
        if (!blank(in.externalId())) {
            String externalId = in.externalId().strip();
            if (externalId.length() > MAX_EXTERNAL_ID) {
                issues.add(new Issue("externalId", "must be at most " + MAX_EXTERNAL_ID + " characters"));
            } else {
                Optional<FacilityRef> holder = lookups.facilityByExternalId(externalId);
                if (holder.isPresent() && (existing == null || !holder.get().id().equals(existing.id)) && conflict == null) {
                    conflict = "externalId '" + externalId + "' is already used by facility " + holder.get().id();
                }
                c.externalId = externalId;
            }
        }
        c.generated = Boolean.TRUE.equals(in.generated());

        List<Issue> sorted = issues.stream().distinct().toList();
        return new Assembly(sorted, conflict, sorted.isEmpty() ? c : null, type, attributes, checklist, step);
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

    private static String unitWord(RegionLevel level) {
        return level == RegionLevel.VILLAGE ? "village/community (村/社区)" : level.code();
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
