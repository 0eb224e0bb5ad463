package cn.tongyou.task.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A task as a coordinator writes it. Units are given by name, as plans write them: a known spelling (or one the
 * normaliser recognises, such as 区文旅局 for 区文化和旅游局) names the existing unit, a new name registers a unit.
 */
@Schema(name = "TaskInput")
public record TaskInput(
        @NotBlank(message = "{task.task.number.required}") @Size(max = 30) @Schema(example = "5") String number,
        @NotBlank(message = "{task.task.domain.required}") @Size(max = 50) @Schema(example = "公共服务友好") String domain,
        @Size(max = 300) String section,
        @NotBlank(message = "{task.title.required}") @Size(max = 300) @Schema(example = "优化儿童卫生资源配置") String title,
        @Size(max = 4000) String summary,
        @Size(max = 50) @Schema(example = "[\"区卫健局\"]") List<@NotBlank @Size(max = 100) String> leadUnits,
        @Size(max = 100) @Schema(example = "[\"区财政局\"]") List<@NotBlank @Size(max = 100) String> participatingUnits) {
}
