package cn.tongyou.common.discipline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an exception ends before its time. */
@Schema(name = "PeriodLockExceptionRevocation")
public record LockExceptionRevocation(
        @Schema(minLength = 1, maxLength = 500, example = "the correction is in", required = true) String reason) {
}
