package cn.tongyou.facility.domain;

import java.time.Instant;
import java.time.LocalDate;

/** One recorded step of a facility's lifecycle; the registration has no {@code from}. */
public record FacilityStatusChange(String from, String to, LocalDate date, String reason, String by, Instant recordedAt) {
}
