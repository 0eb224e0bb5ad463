package cn.tongyou.common.discipline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A grant of a period lock exception; {@link LockExceptionRules} checks every field. */
@Schema(name = "PeriodLockExceptionRequest")
public record LockExceptionRequest(
        @Schema(description = "the region (2–12 digits) whose writes pass; its subtree too", example = "410182", required = true) String region,
        @Schema(example = "2026H1", required = true) String period,
        @Schema(description = "one data set (an indicator domain, or progress-reports); omitted: every data set", maxLength = 100) String dataSet,
        @Schema(description = "in the future, at most 30 days ahead", example = "2027-03-01T00:00:00Z", required = true) Instant validUntil,
        @Schema(minLength = 1, maxLength = 500, example = "荥阳市 corrects the 2026H1 count of 儿童之家 after the audit", required = true) String reason) {
}
