package cn.tongyou.common.http;

import cn.tongyou.common.problem.Issue;
import cn.tongyou.common.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlCharactersTest {

    @Test
    void textKeepsTabLineFeedAndCarriageReturn() {
        assertThat(ControlCharacters.check("text", "第一行\r\n第二行\t完")).isEqualTo("第一行\r\n第二行\t完");
        assertThat(ControlCharacters.issue("text", null)).isNull();
        assertThat(ControlCharacters.issue("text", "")).isNull();
    }

    @Test
    void nulAndOtherControlsAreRefusedNamingTheField() {
        assertThat(ControlCharacters.issue("name", "ab\u0000c"))
                .extracting(Issue::field, Issue::text).containsExactly("name", "contains the control character U+0000 at position 3; "
                        + "text may contain tab, line feed and carriage return but no other control character");
        for (char c : new char[]{0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F}) {
            assertThat(ControlCharacters.issue("f", "x" + c)).as("U+%04X", (int) c).isNotNull();
        }
        assertThatThrownBy(() -> ControlCharacters.check("rows[2].name", "\u001b[31m"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo(ControlCharacters.TYPE);
                    assertThat(e.getMessage()).startsWith("rows[2].name: contains the control character U+001B at position 1");
                    assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("rows[2].name"));
                });
    }

    @Test
    void pathAndQueryRefuseEveryControl() {
        assertThat(ControlCharacterFilter.check("/api/v1/facilities/上街区", new MultivaluedHashMap<>())).isNull();

        ProblemException path = ControlCharacterFilter.check("/api/v1/facilities/a\u0000b", null);
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.type()).isEqualTo(ControlCharacters.TYPE);
        assertThat(path.getMessage()).startsWith("path: contains the control character U+0000 at position 21");

        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add("region", "410182");
        query.add("q", "a\tb");
        ProblemException tab = ControlCharacterFilter.check("/api/v1/facilities", query);
        assertThat(tab.getMessage()).startsWith("q: query parameter contains the control character U+0009");
        assertThat(tab.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("q"));

        MultivaluedHashMap<String, String> name = new MultivaluedHashMap<>();
        name.add("a\u007fb", "x");
        assertThat(ControlCharacterFilter.check("/x", name).getMessage()).contains("a parameter name contains the control character U+007F");
    }
}
