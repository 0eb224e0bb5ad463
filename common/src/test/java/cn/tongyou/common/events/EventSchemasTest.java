package cn.tongyou.common.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The event contract: every schema has a conforming example, and the schemas do reject what they should. */
class EventSchemasTest {

    @Test
    void everyEventTypeHasAnExampleThatConforms() throws URISyntaxException {
        File dir = new File(Objects.requireNonNull(getClass().getClassLoader().getResource("events/schemas")).toURI());
        List<String> types = Arrays.stream(Objects.requireNonNull(dir.list()))
                .map(name -> name.replace(".json", "")).sorted().toList();
        assertThat(types).contains("cfc.region.changed.v1", "cfc.facility.changed.v1", "cfc.facility.deleted.v1");
        for (String type : types) {
            assertThat(type).matches("cfc\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+");
            assertThat(EventSchemas.validate(type, EventSchemas.example(type))).as(type).isEmpty();
        }
    }

    @Test
    void aPayloadMissingFieldsOrWithUnknownOnesIsRejected() {
        ObjectNode region = (ObjectNode) EventSchemas.example("cfc.region.changed.v1").deepCopy();
        region.remove("version");
        region.put("colour", "red");
        region.put("code", "4101");
        List<String> problems = EventSchemas.validate("cfc.region.changed.v1", region);
        assertThat(String.join("\n", problems)).contains("version").contains("colour").contains("code");
    }
}
