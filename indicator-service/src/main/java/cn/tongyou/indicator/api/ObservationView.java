package cn.tongyou.indicator.api;

import cn.tongyou.common.indicator.Numbers;
import cn.tongyou.indicator.domain.Observation;
import cn.tongyou.indicator.domain.quality.QualityFinding;
import cn.tongyou.indicator.service.ObservationService;
import cn.tongyou.common.indicator.ValueType;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reported value, its workflow status, the approved value that counts, and (for one observation) its history. */
@Schema(name = "Observation")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ObservationView(
        UUID id,
        @Schema(example = "neonatal-mortality-rate") String indicatorCode,
        @Schema(example = "441400000000") String regionCode,
        @Schema(example = "2025") String period,
        @Schema(description = "a number, true/false for a boolean indicator, text for a text indicator",
                oneOf = {BigDecimal.class, Boolean.class, String.class}) Object value,
        BigDecimal numerator,
        BigDecimal denominator,
        @Schema(enumeration = {"draft", "submitted", "approved"}) String status,
        String source,
        String note,
        String reportedBy,
        @Schema(description = "the reporter's department (token claim unit)") String reportedUnit,
        @Schema(description = "the latest approved value: the one evaluations count, also while a reopened value is corrected") Approved approved,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        @Schema(description = "when the value was first handed in (submitted, or entered approved); never changes afterwards: "
                + "timeliness compares it with the period's deadline") Instant firstSubmittedAt,
        @Schema(description = "every version: created, corrected (with reason), submitted, approved, returned, reopened") List<Step> history,
        @Schema(description = "the open data-quality findings (rules, bounds, outlier flags) involving this value; left out where the caller may not see them") List<QualityFindingView> qualityFindings) {

    @Schema(name = "ApprovedValue")
    public record Approved(@Schema(oneOf = {BigDecimal.class, Boolean.class, String.class}) Object value, BigDecimal numerator,
                           BigDecimal denominator, long version, String approvedBy, Instant approvedAt) {
    }

    @Schema(name = "ObservationStep")
    public record Step(long version, @Schema(enumeration = {"created", "corrected", "submitted", "approved", "returned", "reopened"}) String action,
                       @Schema(oneOf = {BigDecimal.class, Boolean.class, String.class}) Object value, BigDecimal numerator,
                       BigDecimal denominator, String source, String note, String status, String reason, String actor,
                       UUID batchId, Instant at) {
    }

    public static ObservationView of(ObservationService.Shown shown) {
        return of(shown.observation(), shown.valueType(), shown.history());
    }

    private static ObservationView of(Observation o, ValueType type, List<Observation.Revision> history) {
        Observation.Approved a = o.approved();
        return new ObservationView(o.id(), o.indicatorCode(), o.regionCode(), o.period().toString(),
                value(type, o.value(), o.text()), Numbers.clean(o.numerator()), Numbers.clean(o.denominator()),
                o.status().code(), o.source(), o.note(), o.reportedBy(), o.reportedUnit(),
                a == null ? null : new Approved(value(type, a.value(), a.text()), Numbers.clean(a.numerator()),
                        Numbers.clean(a.denominator()), a.version(), a.approvedBy(), a.approvedAt()),
                o.version(), o.createdAt(), o.updatedAt(), o.updatedBy(), o.firstSubmittedAt(),
                history == null ? null : history.stream().map(r -> new Step(r.version(), r.action(), value(type, r.value(), r.text()),
                        Numbers.clean(r.numerator()), Numbers.clean(r.denominator()), r.source(), r.note(), r.status().code(),
                        r.reason(), r.actor(), r.batchId(), r.at())).toList(), null);
    }

    public ObservationView withFindings(List<QualityFinding> findings) {
        return new ObservationView(id, indicatorCode, regionCode, period, value, numerator, denominator, status, source, note,
                reportedBy, reportedUnit, approved, version, createdAt, updatedAt, updatedBy, firstSubmittedAt, history,
                findings == null ? null : findings.stream().map(QualityFindingView::of).toList());
    }

    static Object value(ValueType type, BigDecimal value, String text) {
        if (type == ValueType.TEXT) {
            return text;
        }
        if (type == ValueType.BOOLEAN) {
            return value == null ? null : value.signum() != 0;
        }
        return Numbers.clean(value);
    }
}
