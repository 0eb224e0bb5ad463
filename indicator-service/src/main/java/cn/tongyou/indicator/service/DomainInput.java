package cn.tongyou.indicator.service;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A domain to create or change (PUT /api/v1/domains/{name}); absent fields keep their value. */
@Schema(name = "DomainInput")
public record DomainInput(@Size(max = 100) String nameEn,
                          @Schema(enumeration = {"child-friendly-city", "child-development-plan", "other"}) String framework,
                          Integer ordinal) {
}
