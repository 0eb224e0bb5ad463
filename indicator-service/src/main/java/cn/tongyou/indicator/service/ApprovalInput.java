package cn.tongyou.indicator.service;

import cn.tongyou.indicator.domain.Approval;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** The body of an approval step: a comment (required to return or reopen), and for a return the values sent back. */
@Schema(name = "ApprovalStepInput")
public record ApprovalInput(
        @Size(max = Approval.MAX_COMMENT) @Schema(example = "儿童之家数量与村（社区）数不符，请核实") String comment,
        @Size(max = ApprovalService.MAX_OBSERVATIONS) @Schema(description = "return only: values sent back to draft, with the comment as reason")
        List<@NotNull UUID> observations) {
}
