package cn.tongyou.common.region;

/** A region code that cannot be a statistical division code; its message is written for the API user. */
public class InvalidRegionCodeException extends IllegalArgumentException {
    public InvalidRegionCodeException(String message) {
        super(message);
    }
}
