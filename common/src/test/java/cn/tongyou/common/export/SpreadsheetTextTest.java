package cn.tongyou.common.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetTextTest {

    @Test
    void formulaPrefixesGetAQuote() {
        assertThat(SpreadsheetText.neutralise("=HYPERLINK(\"http://evil.example\",\"点击\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"点击\")");
        assertThat(SpreadsheetText.neutralise("+1")).isEqualTo("'+1");
        assertThat(SpreadsheetText.neutralise("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetText.neutralise("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(SpreadsheetText.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(SpreadsheetText.neutralise("\rx")).isEqualTo("'\rx");
    }

    @Test
    void otherTextIsUnchanged() {
        assertThat(SpreadsheetText.neutralise("郑州市上街区妇幼保健院")).isEqualTo("郑州市上街区妇幼保健院");
        assertThat(SpreadsheetText.neutralise("a=b")).isEqualTo("a=b");
        assertThat(SpreadsheetText.neutralise(" =x")).isEqualTo(" =x");
        assertThat(SpreadsheetText.neutralise("'=x")).isEqualTo("'=x");
        assertThat(SpreadsheetText.neutralise("")).isEmpty();
        assertThat(SpreadsheetText.neutralise(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"=1,true", "+,true", "-,true", "@,true", "1,false", "文,false"})
    void startsLikeFormula(String text, boolean formula) {
        assertThat(SpreadsheetText.startsLikeFormula(text)).isEqualTo(formula);
    }
}
