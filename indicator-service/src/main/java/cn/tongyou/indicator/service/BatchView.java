package cn.tongyou.indicator.service;

import cn.tongyou.indicator.store.BatchStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/** A bulk request's log entry: state, progress and, when finished, its report. */
@Schema(name = "ObservationBatch")
public record BatchView(UUID id, String format, String onError,
                        @Schema(enumeration = {"running", "completed", "rejected", "failed"}) String state,
                        String requestedBy, Instant startedAt, Instant heartbeatAt, Instant finishedAt, long rowsRead,
                        long rowsWritten, @Schema(description = "the report, or the problem of a rejected batch") JsonNode report) {

    static BatchView of(BatchStore.Batch b, ObjectMapper mapper) {
        JsonNode report = null;
        if (b.report() != null) {
            try {
                report = mapper.readTree(b.report());
            } catch (IOException e) {
                report = null;
            }
        }
        return new BatchView(b.id(), b.format(), b.onError(), b.state(), b.requestedBy(), b.startedAt(), b.heartbeatAt(),
                b.finishedAt(), b.rowsRead(), b.rowsWritten(), report);
    }
}
