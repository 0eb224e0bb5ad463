package cn.tongyou.facility.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A position in degrees. Input is always WGS-84; output is in the {@code crs} the request asked for. */
@Schema(name = "FacilityLocation", description = "Position in degrees. Input: WGS-84 (GPS). Output: WGS-84 unless crs=gcj02|bd09 was requested.")
public record FacilityLocation(
        @Schema(required = true, minimum = "-90", maximum = "90", example = "34.7879") Double lat,
        @Schema(required = true, minimum = "-180", maximum = "180", example = "113.3712") Double lng) {
}
