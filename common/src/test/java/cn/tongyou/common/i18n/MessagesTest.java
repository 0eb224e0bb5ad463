package cn.tongyou.common.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The language a request gets and how a message renders in it. */
class MessagesTest {

    @Test
    void englishIsTheDefaultAndChineseIsChosenWhenPreferred() {
        assertThat(Messages.negotiate(null)).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("zh-CN")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.negotiate("zh")).as("plain zh").isEqualTo(Messages.CHINESE);
        assertThat(Messages.negotiate("zh-CN;q=0.9,en;q=0.8")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.negotiate("en;q=0.8,zh-CN;q=0.9")).as("quality, not order, decides").isEqualTo(Messages.CHINESE);
        assertThat(Messages.negotiate("zh-CN;q=0.5,en")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("en-US")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("fr-FR")).as("unsupported").isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("fr, zh-CN;q=0.3")).isEqualTo(Messages.CHINESE);
        assertThat(Messages.negotiate("*")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.negotiate("not a ;; language")).as("malformed").isEqualTo(Locale.ENGLISH);
    }

    @Test
    void argumentsNestedMessagesAndListsRenderInTheSameLanguage() {
        Message m = Message.of("common.security.nationwide-required", Message.of("common.security.op.verify-audit"), "CN",
                Message.of("common.security.scope.subtree", "410182000000"));
        assertThat(m.english()).isEqualTo("verifying the audit trail needs a nationwide token (region claim CN); "
                + "yours acts in region 410182000000 and below");
        assertThat(m.in(Messages.CHINESE)).isEqualTo("校验审计记录需要全国范围的令牌（region 声明为 CN）；"
                + "您的令牌作用范围是区划 410182000000 及其下级");
        assertThat(Message.of("common.period.year-outside", 2025, 1949, 2100).english())
                .as("numbers as written, no grouping").isEqualTo("year 2025 is outside 1949..2100");
        assertThat(Message.of("common.json.unknown-field.known", List.of("a", "b")).english())
                .isEqualTo("unknown field; known fields: a, b");
        assertThat(Message.verbatim("as is {0} 'x'").in(Messages.CHINESE)).isEqualTo("as is {0} 'x'");
        assertThat(Message.of("common.field.required").in(Locale.forLanguageTag("zh-TW")))
                .as("a language the bundles lack gets English").isEqualTo("is required");
    }

    @Test
    void anExplainedExceptionCarriesItsMessage() {
        InvalidInput e = new InvalidInput("common.region.empty");
        assertThat(e.getMessage()).isEqualTo("region code is empty");
        assertThat(Message.of(e).in(Messages.CHINESE)).isEqualTo("区划代码为空");
        assertThat(Message.of(new IllegalStateException("plain")).english()).isEqualTo("plain");
    }

    @Test
    void quarkusListsTheSameLanguages() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            config.load(in);
        }
        assertThat(Arrays.stream(config.getProperty("quarkus.locales").split(",")).map(Locale::forLanguageTag).toList())
                .isEqualTo(Messages.SUPPORTED);
        assertThat(Locale.forLanguageTag(config.getProperty("quarkus.default-locale"))).isEqualTo(Messages.DEFAULT);
    }
}
