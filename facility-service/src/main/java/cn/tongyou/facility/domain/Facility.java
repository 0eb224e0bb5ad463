package cn.tongyou.facility.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A registered facility as it is read: the stored row with its JSON columns parsed (attributes and checklist
 * normalised), position in WGS-84.
 */
public record Facility(UUID id, String typeCode, String name, String regionCode, String address, Double lat, Double lng,
                       String status, LocalDate statusSince, LocalDate openedOn, LocalDate closedOn,
                       String certificationLevel, UUID hostFacilityId, Map<String, Object> attributes,
                       Map<String, Object> checklist, boolean meetsStandard, List<String> standardGaps,
                       Boolean hostRequired, String externalId, boolean generated, long version, Instant createdAt,
                       Instant updatedAt, String updatedBy) {
}
