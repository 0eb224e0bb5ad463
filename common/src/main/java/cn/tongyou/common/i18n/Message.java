package cn.tongyou.common.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text an API user reads, kept as a bundle key and its arguments until the answer is written, so that it can be
 * rendered in the reader's language ({@link Messages}). The key's first segment names the module whose bundle holds
 * it ({@code facility.region.not-found} is in facility-service's {@code messages/facility.properties}).
 * <p>
 * An argument that is itself a {@code Message} is rendered in the same language; a collection is listed with ", " (a
 * collection of messages with the language's sentence separator, "; " or "；");
 * anything else is shown as {@link String#valueOf} (never localized number formatting: a year stays 2025).
 *
 * @param key  the bundle key, or null for a text that is already in its final words ({@link #verbatim})
 * @param args the arguments of the key's pattern ({0}, {1} …); the text itself for a verbatim message
 */
public record Message(String key, List<Object> args) {

    public Message {
        args = List.copyOf(Arrays.stream(args.toArray()).map(a -> a == null ? "null" : a).toList());
    }

    public static Message of(String key, Object... args) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a message needs its key");
        }
        return new Message(key, Arrays.asList(args));
    }

    /**
     * A text that has no key because its words come from elsewhere already in the reader's language or in no
     * language at all: Hibernate Validator's interpolated messages, a library's parser message, an identifier.
     */
    public static Message verbatim(String text) {
        return new Message(null, List.of(text == null ? "" : text));
    }

    /** The message an exception carries for the API user: its own if it explains itself, else its text as is. */
    public static Message of(Throwable e) {
        return e instanceof Explained explained ? explained.explanation() : verbatim(e.getMessage());
    }

    public String in(Locale locale) {
        return Messages.render(this, locale);
    }

    /** The English text, for logs, audit records and exception messages. */
    public String english() {
        return in(Messages.DEFAULT);
    }

    @Override
    public String toString() {
        return english();
    }
}
