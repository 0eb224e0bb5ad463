package cn.tongyou.common.i18n;

/**
 * An exception whose message is written for the API user: it carries the {@link Message} so that a problem built from
 * it is rendered in the reader's language, while {@link Throwable#getMessage()} stays English for logs.
 */
public interface Explained {

    Message explanation();
}
