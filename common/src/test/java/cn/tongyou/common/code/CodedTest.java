package cn.tongyou.common.code;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodedTest {

    enum Colour implements Coded {
        LIGHT_GREEN("light-green", "浅绿"), RED("red", "红");

        private final String code;
        private final String chinese;

        Colour(String code, String chinese) {
            this.code = code;
            this.chinese = chinese;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public List<String> aliases() {
            return List.of(chinese);
        }
    }

    enum Single implements Coded {
        ONLY;

        @Override
        public String code() {
            return "only";
        }
    }

    @Test
    void findsByCodeOrAliasIgnoringCaseAndBlanks() {
        assertThat(Coded.find(Colour.class, "light-green")).contains(Colour.LIGHT_GREEN);
        assertThat(Coded.find(Colour.class, " Light-Green ")).contains(Colour.LIGHT_GREEN);
        assertThat(Coded.find(Colour.class, "红")).contains(Colour.RED);
        assertThat(Coded.find(Colour.class, "blue")).isEmpty();
        assertThat(Coded.find(Colour.class, null)).isEmpty();
    }

    @Test
    void anUnknownCodeIsRefusedWithTheExpectedOnes() {
        assertThat(Coded.of(Colour.class, "colour", "red")).isEqualTo(Colour.RED);
        assertThatThrownBy(() -> Coded.of(Colour.class, "colour", "blue")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour 'blue' (expected light-green or red)");
        assertThatThrownBy(() -> Coded.of(Single.class, "thing", null)).hasMessage("unknown thing 'null' (expected only)");
    }

    @Test
    void listsTheCodesInDeclarationOrder() {
        assertThat(Coded.codes(Colour.class)).containsExactly("light-green", "red");
    }
}
