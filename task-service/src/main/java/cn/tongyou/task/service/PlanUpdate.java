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
        @NotBlank(message = "{task.title.required}") @Size(max = 300) String title,
        @NotBlank(message = "{task.kind.required}") @Pattern(regexp = "^[a-z][a-z0-9-]*$", message = "{task.plan.kind.pattern}")
        @Schema(example = "construction-plan") String kind,
        @Size(max = 100) String documentNumber,
        LocalDate issuedOn,
        @NotBlank(message = "{task.status.required}") @Schema(enumeration = {"draft", "in-force", "superseded"}) String status,
        @NotNull(message = "{task.plan.horizon.required}") List<@NotNull Integer> horizonYears,
        @NotNull(message = "{task.plan.domains.required}") List<@NotBlank @Size(max = 50) String> domains) {
}
