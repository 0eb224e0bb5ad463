package cn.tongyou.reporting.events;

import cn.tongyou.reporting.domain.ReminderIssued;
import cn.tongyou.reporting.domain.WebhookFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMessageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ReminderIssued REMINDER = new ReminderIssued("5f0c2d7e-8a41-4b6e-9c3d-2e1f0a9b8c7d", "overdue", "milestone",
            "m1", "410182000000", "unit:u1", "410182000000", "u1", "市卫健委", null, "2026-11-30", 1, "2026-12-03",
            "Task \"公园\": milestone \"建成公园\" was due on 2026-11-30 and is 3 days overdue",
            "任务“公园”：节点“建成公园”应于 2026-11-30 完成，已逾期 3 天", "2026-12-03T01:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-03T01:00:05Z");

    /** A published test vector of HMAC-SHA256 (RFC 4231 test case 2), base64: the signature is that HMAC. */
    @Test
    void hmacIsHmacSha256InBase64() {
        assertThat(WebhookMessage.hmac("Jefe", "what do ya want for nothing?"))
                .isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    /** The example of the Standard Webhooks / Svix documentation: a receiver on their libraries verifies our signature. */
    @Test
    void aWhsecSecretSignsAsTheStandardWebhooksLibrariesVerify() {
        byte[] key = WebhookMessage.standardWebhooksKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(WebhookMessage.hmac(key, "msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}"))
                .isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        // any other secret is its text
        assertThat(WebhookMessage.standardWebhooksKey("s3cret")).isEqualTo("s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(WebhookMessage.standardWebhooksKey("whsec_not base64!")).isEqualTo("whsec_not base64!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void genericIsTheCloudEventSignedOverIdTimestampAndBody() throws Exception {
        WebhookMessage.Request r = WebhookMessage.render(JSON, WebhookFormat.GENERIC, "https://oa.example.cn/hook", "s3cret",
                "d-1", "/tongyou/reporting-service", REMINDER, NOW);
        assertThat(r.headers()).containsEntry("webhook-id", "d-1").containsEntry("webhook-timestamp", "1796259605");
        assertThat(r.headers().get("webhook-signature"))
                .isEqualTo("v1," + WebhookMessage.hmac("s3cret", "d-1.1796259605." + r.body()));
        JsonNode event = JSON.readTree(r.body());
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("type").asText()).isEqualTo("cfc.reminder.issued.v1");
        assertThat(event.get("id").asText()).isEqualTo(REMINDER.id());
        assertThat(event.get("data").get("kind").asText()).isEqualTo("overdue");
        assertThat(r.uri().toString()).isEqualTo("https://oa.example.cn/hook");
    }

    @Test
    void wecomIsAMarkdownMessageInChinese() throws Exception {
        WebhookMessage.Request r = WebhookMessage.render(JSON, WebhookFormat.WECOM,
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", null, "d-1", "/x", REMINDER, NOW);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("content").asText())
                .isEqualTo("### 童友提醒：节点已逾期\n任务“公园”：节点“建成公园”应于 2026-11-30 完成，已逾期 3 天\n> 地区 410182000000 · 责任单位 市卫健委 · 期间 — · 2026-12-03");
        assertThat(r.headers()).doesNotContainKey("webhook-signature");
    }

    @Test
    void dingtalkAddsTimestampAndSignToTheUrl() throws Exception {
        WebhookMessage.Request r = WebhookMessage.render(JSON, WebhookFormat.DINGTALK,
                "https://oapi.dingtalk.com/robot/send?access_token=t0k", "SECabc", "d-1", "/x", REMINDER, NOW);
        String query = r.uri().getRawQuery();
        assertThat(query).startsWith("access_token=t0k&timestamp=1796259605000&sign=");
        String sign = URLDecoder.decode(query.substring(query.indexOf("sign=") + 5), StandardCharsets.UTF_8);
        assertThat(sign).isEqualTo(WebhookMessage.hmac("SECabc", "1796259605000\nSECabc"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("童友提醒：节点已逾期");
        assertThat(body.get("markdown").get("text").asText()).startsWith("### 童友提醒：节点已逾期\n");
    }

    @Test
    void robotsAnswerErrcodeZeroWhenTheyTookIt() {
        assertThat(WebhookMessage.accepted(JSON, WebhookFormat.WECOM, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isTrue();
        assertThat(WebhookMessage.accepted(JSON, WebhookFormat.DINGTALK, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}")).isFalse();
        assertThat(WebhookMessage.accepted(JSON, WebhookFormat.DINGTALK, 200, "not json")).isFalse();
        assertThat(WebhookMessage.accepted(JSON, WebhookFormat.GENERIC, 204, "")).isTrue();
        assertThat(WebhookMessage.accepted(JSON, WebhookFormat.GENERIC, 500, "")).isFalse();
    }
}
