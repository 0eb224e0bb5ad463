package cn.tongyou.common.i18n;

import org.jboss.logging.Logger;

import java.text.MessageFormat;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The bundles of the texts API users read, and the choice of language for a request.
 * <p>
 * Each module has its own bundle, named after the key's first segment: {@code messages/common.properties} in common,
 * {@code messages/facility.properties} in facility-service, and so on, each with its {@code _zh_CN} sibling. Distinct
 * base names matter: {@link ResourceBundle} loads one resource per base name and locale, the first on the class path,
 * so two jars each shipping {@code messages.properties} would hide one another's keys. Files are read as UTF-8
 * (Java 9+ properties bundles) and patterns are {@link MessageFormat}s: a literal quote is written {@code ''}.
 * <p>
 * English is the base bundle and the default. A request gets Chinese when its {@code Accept-Language} prefers zh-CN
 * (or plain zh) to English, chosen as Hibernate Validator does in Quarkus ({@link Locale#filter} of the header's
 * ranges, in their quality order), so a problem's own texts and its bean-validation messages never disagree.
 */
public final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class);

    public static final Locale DEFAULT = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    /** The languages the bundles are written in; the same list as {@code quarkus.locales}. */
    public static final List<Locale> SUPPORTED = List.of(DEFAULT, CHINESE);

    public static final String BUNDLE_FOLDER = "messages/";

    // No fallback to the JVM's default locale: a server started with LANG=zh_CN must still answer English by default.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The supported language an {@code Accept-Language} header asks for first; English without one or when none fits. */
    public static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT;
        }
        try {
            List<Locale> fitting = Locale.filter(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return fitting.isEmpty() ? DEFAULT : fitting.get(0);
        } catch (IllegalArgumentException malformed) {
            return DEFAULT;
        }
    }

    /** The supported language of {@code locale} (Chinese for any zh-CN or plain zh), else English. */
    public static Locale supported(Locale locale) {
        return locale != null && CHINESE.getLanguage().equals(locale.getLanguage())
                && (locale.getCountry().isEmpty() || CHINESE.getCountry().equals(locale.getCountry())) ? CHINESE : DEFAULT;
    }

    public static String render(Message message, Locale locale) {
        if (message.key() == null) {
            return String.valueOf(message.args().get(0));
        }
        Locale language = supported(locale);
        Object[] args = message.args().stream().map(a -> argument(a, language)).toArray();
        String pattern = pattern(message.key(), language);
        if (pattern == null) {
            LOG.errorf("no text for message key %s", message.key());
            return message.key() + (args.length == 0 ? "" : " " + List.of(args));
        }
        return new MessageFormat(pattern, language).format(args);
    }

    /** The pattern of a key in a language, or null when the bundle has none. */
    public static String pattern(String key, Locale language) {
        try {
            return bundle(key, language).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** The bundle base name of a key: its first segment under {@value #BUNDLE_FOLDER}. */
    public static String baseName(String key) {
        int dot = key.indexOf('.');
        return BUNDLE_FOLDER + (dot < 0 ? key : key.substring(0, dot));
    }

    private static ResourceBundle bundle(String key, Locale language) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ResourceBundle.getBundle(baseName(key), language, loader == null ? Messages.class.getClassLoader() : loader,
                CONTROL);
    }

    private static Object argument(Object arg, Locale language) {
        if (arg instanceof Message nested) {
            return render(nested, language);
        }
        if (arg instanceof Collection<?> list) {
            // a list of sentences (a problem's summary) is separated as sentences are; a list of codes by commas
            String separator = !list.isEmpty() && list.stream().allMatch(Message.class::isInstance)
                    ? render(Message.of("common.problem.summary.separator"), language) : ", ";
            return list.stream().map(a -> String.valueOf(argument(a, language))).collect(Collectors.joining(separator));
        }
        return String.valueOf(arg);
    }
}
