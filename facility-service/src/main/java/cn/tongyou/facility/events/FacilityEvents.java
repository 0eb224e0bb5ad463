package cn.tongyou.facility.events;

import cn.tongyou.common.events.Topics;
import cn.tongyou.common.events.DomainEvent;
import cn.tongyou.facility.store.FacilityEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Builds the facility events (docs/design.md §5): {@code cfc.facility.changed.v1} with the whole new state and
 * {@code cfc.facility.deleted.v1} followed by a tombstone, on topic {@code cfc.facilities} keyed by the facility id.
 * The payloads follow the JSON Schemas in common's {@code events/schemas}.
 */
@ApplicationScoped
public class FacilityEvents {

    public static final String TOPIC = Topics.FACILITIES;
    public static final String CHANGED = "cfc.facility.changed.v1";
    public static final String DELETED = "cfc.facility.deleted.v1";

    @Inject
    ObjectMapper mapper;

    /** Payload of {@code cfc.facility.changed.v1}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Changed(String id, String type, String name, String regionCode, String address, Location location,
                          String status, String statusSince, String openedOn, String closedOn, String certificationLevel,
                          String hostFacilityId, JsonNode attributes, JsonNode checklist, boolean meetsStandard,
                          JsonNode standardGaps, Boolean hostRequired, boolean generated, long version, String updatedAt) {
    }

    /** WGS-84 position. */
    public record Location(double lat, double lng) {
    }

    /** Payload of {@code cfc.facility.deleted.v1}. */
    public record Deleted(String id, String type, String regionCode, long version, String deletedAt) {
    }

    public DomainEvent changed(FacilityEntity f) {
        return DomainEvent.changed(TOPIC, CHANGED, f.id.toString(), f.version, changedData(f));
    }

    /** The deletion is the facility's last version: one more than the state it deletes. */
    public DomainEvent deleted(FacilityEntity f, Instant deletedAt) {
        long version = f.version + 1;
        return DomainEvent.deleted(TOPIC, DELETED, f.id.toString(), version,
                new Deleted(f.id.toString(), f.typeCode, f.regionCode, version, timestamp(deletedAt)));
    }

    private Changed changedData(FacilityEntity f) {
        return new Changed(f.id.toString(), f.typeCode, f.name, f.regionCode, f.address,
                f.lat == null || f.lng == null ? null : new Location(f.lat, f.lng),
                f.status, date(f.statusSince), date(f.openedOn), date(f.closedOn), f.certificationLevel,
                f.hostFacilityId == null ? null : f.hostFacilityId.toString(),
                json(f.attributes, "{}"), json(f.checklist, "{}"), f.meetsStandard, json(f.standardGaps, "[]"),
                f.hostRequired, f.generated, f.version, timestamp(f.updatedAt));
    }

    private JsonNode json(String text, String empty) {
        try {
            return mapper.readTree(text == null ? empty : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
