package cn.tongyou.common.i18n;

/** A value refused by a parser or a rule, with the reason for the API user ({@link Explained}). */
public class InvalidInput extends IllegalArgumentException implements Explained {

    private final transient Message explanation;

    public InvalidInput(String key, Object... args) {
        this(Message.of(key, args));
    }

    public InvalidInput(Message explanation) {
        super(explanation.english());
        this.explanation = explanation;
    }

    @Override
    public Message explanation() {
        return explanation;
    }
}
