package cn.tongyou.task.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A plan with the size of its content. */
@Schema(name = "Plan")
public record PlanView(
        UUID id,
        @Schema(example = "371502000000") String regionCode,
        @Schema(example = "东昌府区") String regionName,
        @Schema(example = "东昌府区儿童友好城区建设方案") String title,
        @Schema(example = "construction-plan") String kind,
        @Schema(example = "东昌政字〔2023〕8号") String documentNumber,
        LocalDate issuedOn,
        @Schema(enumeration = {"draft", "in-force", "superseded"}) String status,
        List<Integer> horizonYears,
        List<String> domains,
        @Schema(description = "source document reference") String source,
        long taskCount,
        long milestoneCount,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {
}
