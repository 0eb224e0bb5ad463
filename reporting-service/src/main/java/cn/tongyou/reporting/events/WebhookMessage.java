package cn.tongyou.reporting.events;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.reporting.domain.ReminderIssued;
import cn.tongyou.reporting.domain.ReminderKind;
import cn.tongyou.reporting.domain.WebhookFormat;
import cn.tongyou.common.i18n.Messages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One webhook request for a reminder (the wire format, so beside the sender), in the subscription's format (docs/discipline/reminders.md):
 * <ul>
 *   <li>{@code generic}: the reminder CloudEvent in structured JSON, signed the Standard Webhooks way: headers
 *       {@code webhook-id} (the delivery id, the same on every retry), {@code webhook-timestamp} (Unix seconds of this
 *       attempt) and {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>}; the
 *       key is what the Standard Webhooks libraries take from a {@code whsec_<base64>} secret (the decoded bytes), and
 *       the UTF-8 bytes of any other secret;</li>
 *   <li>{@code wecom}: {@code {"msgtype":"markdown","markdown":{"content":…}}} (企业微信 group robot);</li>
 *   <li>{@code dingtalk}: {@code {"msgtype":"markdown","markdown":{"title":…,"text":…}}} with 加签: query parameters
 *       {@code timestamp} (ms) and {@code sign} = URL-encoded base64 HMAC-SHA256(secret, timestamp + "\n" + secret).</li>
 * </ul>
 */
public final class WebhookMessage {

    /** The request to send. */
    public record Request(URI uri, Map<String, String> headers, String body) {
    }

    private WebhookMessage() {
    }

    public static Request render(ObjectMapper mapper, WebhookFormat format, String url, String secret, String deliveryId,
                                 String source, ReminderIssued reminder, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return switch (format) {
            case GENERIC -> {
                String body = cloudEvent(mapper, source, reminder).toString();
                String timestamp = String.valueOf(now.getEpochSecond());
                headers.put("webhook-id", deliveryId);
                headers.put("webhook-timestamp", timestamp);
                headers.put("webhook-signature", "v1," + hmac(standardWebhooksKey(secret), deliveryId + "." + timestamp + "." + body));
                yield new Request(URI.create(url), headers, body);
            }
            case WECOM -> {
                ObjectNode body = mapper.createObjectNode().put("msgtype", "markdown");
                body.putObject("markdown").put("content", markdown(reminder));
                yield new Request(URI.create(url), headers, body.toString());
            }
            case DINGTALK -> {
                ObjectNode body = mapper.createObjectNode().put("msgtype", "markdown");
                body.putObject("markdown").put("title", title(reminder)).put("text", markdown(reminder));
                String timestamp = String.valueOf(now.toEpochMilli());
                String sign = URLEncoder.encode(hmac(secret, timestamp + "\n" + secret), StandardCharsets.UTF_8);
                String signed = url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign=" + sign;
                yield new Request(URI.create(signed), headers, body.toString());
            }
        };
    }

    /**
     * Whether the receiver took the message: any 2xx; the robots of 企业微信 and 钉钉 also answer 200 when they refuse
     * (a bad signature, a rate limit), so for them the answer's {@code errcode} must be 0.
     */
    public static boolean accepted(ObjectMapper mapper, WebhookFormat format, int status, String body) {
        if (status < 200 || status > 299) {
            return false;
        }
        if (format == WebhookFormat.GENERIC) {
            return true;
        }
        try {
            JsonNode answer = mapper.readTree(body == null ? "" : body);
            return answer != null && answer.path("errcode").isIntegralNumber() && answer.path("errcode").asInt() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The reminder as a structured-mode CloudEvent (the same attributes the Kafka record carries as headers). */
    public static ObjectNode cloudEvent(ObjectMapper mapper, String source, ReminderIssued reminder) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", reminder.id())
                .put("source", source)
                .put("type", ReminderIssued.TYPE)
                .put("subject", reminder.id())
                .put("time", reminder.issuedAt())
                .put("datacontenttype", "application/json");
        event.set("data", mapper.valueToTree(reminder));
        return event;
    }

    /** Base64 HMAC-SHA256 of {@code data} with the UTF-8 bytes of {@code secret} as the key (钉钉's 加签). */
    public static String hmac(String secret, String data) {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), data);
    }

    /**
     * The signing key of a generic subscription: a secret written as Standard Webhooks issues them ({@code whsec_}
     * and base64) is its decoded bytes, so a receiver built on their libraries verifies as it is; any other secret (or
     * one whose rest is not base64) its UTF-8 bytes.
     */
    public static byte[] standardWebhooksKey(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                return Base64.getDecoder().decode(secret.substring("whsec_".length()));
            } catch (IllegalArgumentException notBase64) {
                // an office's own secret that happens to start so: its text is the key
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static String hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String title(ReminderIssued r) {
        return Message.of("reporting.reminder.markdown.title", ReminderKind.ofCode(r.kind()).displayName())
                .in(Messages.CHINESE);
    }

    private static String markdown(ReminderIssued r) {
        return "### " + title(r) + "\n" + r.messageZh() + "\n> " + Message.of("reporting.reminder.markdown.footer",
                r.region(), r.unitName() == null ? "—" : r.unitName(), r.period() == null ? "—" : r.period(), r.businessDay())
                .in(Messages.CHINESE);
    }
}
