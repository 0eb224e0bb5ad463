package cn.tongyou.reporting.events;

import cn.tongyou.common.events.CloudEventHeaders;
import cn.tongyou.reporting.domain.EventDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a record must be to be applied (plain Java). */
class EventDecoderTest {

    static final String TYPE = "cfc.unit.changed.v1";

    static byte[] unit(String id) {
        return Events.example(TYPE, n -> n.put("id", id)).toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> headers(String id) {
        return Map.of(CloudEventHeaders.TYPE, TYPE, CloudEventHeaders.SUBJECT, id, CloudEventHeaders.AGGREGATE_VERSION, "2");
    }

    @Test
    void aValidEventKeepsItsOwnText() {
        String id = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
        EventDecoder.Decoded d = EventDecoder.decode("cfc.units", id, headers(id), unit(id));
        assertThat(d.kind()).isEqualTo(EventDecoder.Kind.CHANGED);
        assertThat(d.version()).isEqualTo(2);
        assertThat(new String(d.json(), StandardCharsets.UTF_8)).isEqualTo(new String(unit(id), StandardCharsets.UTF_8));
    }

    @Test
    void textAfterTheJsonValueIsRefused() {
        String id = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
        byte[] value = (new String(unit(id), StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventDecoder.decode("cfc.units", id, headers(id), value))
                .isInstanceOf(EventDecoder.InvalidEvent.class).hasMessageContaining("not JSON");
    }

    @Test
    void keySubjectAndVersionMustAgreeWithTheData() {
        String id = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
        assertThatThrownBy(() -> EventDecoder.decode("cfc.units", "other", headers(id), unit(id)))
                .hasMessageContaining("record key other differs");
        assertThatThrownBy(() -> EventDecoder.decode("cfc.units", id, Map.of(CloudEventHeaders.TYPE, TYPE, CloudEventHeaders.AGGREGATE_VERSION, "3"),
                unit(id))).hasMessageContaining("differs from the data's version 2");
        assertThatThrownBy(() -> EventDecoder.decode("cfc.units", null, Map.of(), null)).hasMessageContaining("tombstone without a key");
    }

    @Test
    void anApprovalIsKeyedByRegionAndPeriodAFindingByItsId() throws Exception {
        var approval = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"region\": \"410182000000\", \"period\": \"2026H2\"}");
        assertThat(EventDecoder.spec("cfc.approvals").idOf(approval)).isEqualTo("410182000000:2026H2");
        String id = "5b0e6f3a-8c1d-4e2f-9a7b-3c4d5e6f7a81";
        byte[] finding = Events.example("cfc.quality-finding.changed.v1", n -> n.put("id", id)).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = Map.of(CloudEventHeaders.TYPE, "cfc.quality-finding.changed.v1", CloudEventHeaders.SUBJECT, id);
        EventDecoder.Decoded d = EventDecoder.decode("cfc.quality-findings", id, h, finding);
        assertThat(d.spec().table()).isEqualTo("quality_finding_projection");
        assertThat(d.version()).isEqualTo(2);
        assertThatThrownBy(() -> EventDecoder.decode("cfc.quality-findings", "410182000000:2026H2", h, finding))
                .hasMessageContaining("differs from the data's id");
    }
}
