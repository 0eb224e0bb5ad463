package cn.tongyou.task.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the unit operations. */
public final class UnitInputs {

    private UnitInputs() {
    }

    /** Another spelling of the unit. */
    @Schema(name = "UnitAlias")
    public record Alias(@NotBlank(message = "{task.unit.name.required}") @Size(max = 100) @Schema(example = "区文旅局") String name) {
    }

    /** Rename or reclassify a unit. */
    @Schema(name = "UnitUpdate")
    public record Update(@NotBlank(message = "{task.unit.name.required}") @Size(max = 100) @Schema(example = "区文化和旅游局") String name,
                         @NotBlank(message = "{task.kind.required}") @Schema(enumeration = {"department", "group"}) String kind) {
    }
}
