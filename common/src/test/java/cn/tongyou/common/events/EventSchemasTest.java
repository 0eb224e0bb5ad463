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

    /** The qualifiers of a derived count and the standard measure (issue 14) are additive: the old derivation still validates. */
    @Test
    void aQualifiedCountAndAStandardMeasureConform() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ObjectNode count = (ObjectNode) EventSchemas.example("cfc.indicator.changed.v1").deepCopy();
        count.put("code", "child-friendly-park-count-new-since-2022");
        count.put("obtained", "derived");
        count.putNull("computation");
        count.set("derivation", json.readTree("""
                {"facilityType": "child-friendly-park", "measure": "count", "level": null, "area": null, "hostBased": false,
                 "openedSince": "2022-01-01", "certifiedAtLeast": "prefecture", "nameContains": "体育公园", "standard": null}"""));
        assertThat(EventSchemas.validate("cfc.indicator.changed.v1", count)).isEmpty();
        ObjectNode standard = count.deepCopy();
        standard.set("derivation", json.readTree("""
                {"facilityType": "children-home", "measure": "standard", "standard": "五有"}"""));
        assertThat(EventSchemas.validate("cfc.indicator.changed.v1", standard)).isEmpty();
        ObjectNode old = count.deepCopy();
        old.set("derivation", json.readTree("""
                {"facilityType": "children-home", "measure": "coverage", "level": "village", "area": null, "hostBased": false}"""));
        assertThat(EventSchemas.validate("cfc.indicator.changed.v1", old)).isEmpty();
        ObjectNode bad = count.deepCopy();
        ((ObjectNode) bad.get("derivation")).put("certifiedAtLeast", "national");
        assertThat(EventSchemas.validate("cfc.indicator.changed.v1", bad)).isNotEmpty();
    }
}
