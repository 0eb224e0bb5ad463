package cn.tongyou.facility.api;

import cn.tongyou.facility.domain.ChinaCoordinates;
import cn.tongyou.facility.domain.ChinaCoordinates.Crs;
import cn.tongyou.facility.domain.Facility;
import cn.tongyou.facility.service.FacilityLocation;
import cn.tongyou.facility.service.FacilityRead;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Facility", description = "A registered facility")
public record FacilityView(
        UUID id,
        @Schema(example = "children-home") String type,
        String name,
        @Schema(example = "410182103201") String regionCode,
        @Schema(nullable = true) String address,
        @Schema(nullable = true, description = "position in the crs of the request (WGS-84 by default)") FacilityLocation location,
        @Schema(enumeration = {"wgs84", "gcj02", "bd09"}, description = "coordinate system of location") String crs,
        @Schema(enumeration = {"planned", "under-construction", "open", "suspended", "closed"}) String status,
        @Schema(nullable = true, description = "date the current status took effect") LocalDate statusSince,
        @Schema(nullable = true) LocalDate openedOn,
        @Schema(nullable = true) LocalDate closedOn,
        @Schema(nullable = true, enumeration = {"county", "prefecture", "province"}) String certificationLevel,
        @Schema(nullable = true) UUID hostFacilityId,
        Map<String, Object> attributes,
        Map<String, Object> checklist,
        @Schema(description = "whether the checklist meets every required item of the type's standard") boolean meetsStandard,
        @Schema(description = "codes of the required checklist items not met") List<String> standardGaps,
        @Schema(nullable = true, description = "public places only: whether floor area ≥ 10,000 m² or daily visitors ≥ 10,000 oblige it to host a 母婴室 (null when it cannot be decided)")
        Boolean hostRequired,
        @Schema(nullable = true) String externalId,
        boolean generated,
        @Schema(description = "grows by one per change; the ETag is \"<version>\"") long version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(nullable = true) String updatedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(nullable = true, description = "near searches only: great-circle distance from the search point in metres")
        Double distanceMeters,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(nullable = true, description = "single-facility reads only: the lifecycle, oldest first")
        List<FacilityStatusChangeView> statusHistory) {

    /** The facility with its position in {@code crs}. */
    static FacilityView of(FacilityRead read, Crs crs) {
        Facility f = read.facility();
        FacilityLocation location = null;
        if (f.lat() != null && f.lng() != null) {
            ChinaCoordinates.LatLng p = ChinaCoordinates.transform(new ChinaCoordinates.LatLng(f.lat(), f.lng()), crs);
            location = new FacilityLocation(p.lat(), p.lng());
        }
        List<FacilityStatusChangeView> history = read.history() == null ? null : read.history().stream()
                .map(h -> new FacilityStatusChangeView(h.from(), h.to(), h.date(), h.reason(), h.by(), h.recordedAt()))
                .toList();
        Double distance = read.distanceMeters();
        return new FacilityView(f.id(), f.typeCode(), f.name(), f.regionCode(), f.address(), location, crs.code(), f.status(),
                f.statusSince(), f.openedOn(), f.closedOn(), f.certificationLevel(), f.hostFacilityId(), f.attributes(),
                f.checklist(), f.meetsStandard(), f.standardGaps(), f.hostRequired(), f.externalId(), f.generated(),
                f.version(), f.createdAt(), f.updatedAt(), f.updatedBy(),
                distance == null ? null : Math.round(distance * 10) / 10.0, history);
    }
}
