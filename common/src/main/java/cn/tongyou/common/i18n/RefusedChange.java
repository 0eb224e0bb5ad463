package cn.tongyou.common.i18n;

/** A change the current state of a record does not allow (answered 409), with the reason for the API user. */
public class RefusedChange extends IllegalStateException implements Explained {

    private final transient Message explanation;

    public RefusedChange(String key, Object... args) {
        super(Message.of(key, args).english());
        this.explanation = Message.of(key, args);
    }

    @Override
    public Message explanation() {
        return explanation;
    }
}
