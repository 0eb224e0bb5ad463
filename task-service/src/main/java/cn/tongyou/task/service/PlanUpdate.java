package cn.tongyou.task.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The editable description of a plan (PUT replaces all of it). Region and source never change. */
@Schema(name = "PlanUpdate")
public record PlanUpdate(
        @NotBlank(message = "title is required") @Size(max = 300) String title,
        @NotBlank(message = "kind is required") @Pattern(regexp = "^[a-z][a-z0-9-]*$", message = "a lower-case code such as construction-plan")
        @Schema(example = "construction-plan") String kind,
        @Size(max = 100) String documentNumber,
        LocalDate issuedOn,
        @NotBlank(message = "status is required") @Schema(enumeration = {"draft", "in-force", "superseded"}) String status,
        @NotNull(message = "horizonYears is required (may be empty)") List<@NotNull Integer> horizonYears,
        @NotNull(message = "domains is required (may be empty)") List<@NotBlank @Size(max = 50) String> domains) {
}
