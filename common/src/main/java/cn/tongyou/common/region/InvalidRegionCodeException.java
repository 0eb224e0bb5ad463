package cn.tongyou.common.region;

import cn.tongyou.common.i18n.InvalidInput;

/** A region code that cannot be a statistical division code; its message is written for the API user. */
public class InvalidRegionCodeException extends InvalidInput {
    public InvalidRegionCodeException(String key, Object... args) {
        super(key, args);
    }
}
