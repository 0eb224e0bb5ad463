package cn.tongyou.indicator.service;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The reason of a workflow step (required to return or reopen a value). */
@Schema(name = "ReasonInput")
public record ReasonInput(@Size(max = 2000) @Schema(example = "分母口径有误，请按活产数重新填报") String reason) {
}
