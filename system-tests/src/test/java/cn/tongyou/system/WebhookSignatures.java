package cn.tongyou.system;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * How an office's receiver checks that a delivery comes from the platform, written here from the published rules and
 * not from the platform's code, so that a sender bug cannot be mirrored by the check.
 * <ul>
 * <li>Standard Webhooks (generic format): {@code webhook-signature} lists space-separated {@code v1,<base64>}; one must
 * equal base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).</li>
 * <li>钉钉 group robot 加签: query {@code timestamp} (ms) and {@code sign} = base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)), URL-encoded.</li>
 * </ul>
 */
final class WebhookSignatures {

    private WebhookSignatures() {
    }

    /** Whether one of the header's {@code v1,…} signatures is the Standard Webhooks signature of the delivery. */
    static boolean standardWebhooksValid(byte[] key, String id, String timestamp, byte[] body, String signatureHeader) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        byte[] expected = hmacSha256(key, signed);
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (candidate.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (java.security.MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 钉钉's {@code sign} for a timestamp, before URL encoding. */
    static String dingtalkSign(String secret, String timestamp) {
        return Base64.getEncoder().encodeToString(hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
