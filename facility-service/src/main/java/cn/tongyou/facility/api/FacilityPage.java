package cn.tongyou.facility.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** OpenAPI name of a page of facilities (the body is a common {@code Page<FacilityView>}). */
@Schema(name = "FacilityPage", description = "a page of facilities with the total count")
public record FacilityPage(List<FacilityView> items,
                           @Schema(description = "1-based page number") int page,
                           @Schema(description = "items per page") int size,
                           @Schema(description = "matching facilities in all pages") long total,
                           long totalPages) {
}
