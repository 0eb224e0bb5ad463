package cn.tongyou.reporting.domain;

import cn.tongyou.common.code.Coded;

/** How a subscription's deliveries are written: a signed CloudEvent, or a group robot's markdown message. */
public enum WebhookFormat implements Coded {
    /** The reminder CloudEvent (structured JSON), signed the Standard Webhooks way. */
    GENERIC("generic"),
    /** 企业微信 group robot: markdown message; the robot's key is in its URL. */
    WECOM("wecom"),
    /** 钉钉 custom robot: markdown message, 加签 (timestamp and sign query parameters). */
    DINGTALK("dingtalk");

    private final String code;

    WebhookFormat(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static WebhookFormat ofCode(String code) {
        return Coded.of(WebhookFormat.class, "reporting.code.webhook-format", code);
    }

    /** Whether a subscription of this format must carry a secret (the signature needs one). */
    public boolean needsSecret() {
        return this != WECOM;
    }
}
