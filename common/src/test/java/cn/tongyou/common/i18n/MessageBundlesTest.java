package cn.tongyou.common.i18n;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text an API user can read exists in English and Chinese with the same arguments, and the bundles hold no
 * text that nothing uses: checked over the sources and bundles of all five modules.
 */
class MessageBundlesTest {

    /** Literals that look like message keys but name something else (Micrometer meters of reporting-service). */
    private static final Set<String> NOT_MESSAGES = Set.of("reporting.snapshot.duration", "reporting.events.write.failures",
            "reporting.events.dead.lettered", "reporting.events", "reporting.dlq.events", "reporting.consumer.lag");

    private static final Pattern INDEX = Pattern.compile("\\{(\\d+)[,}]");
    private static final Pattern NAMED = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    @Test
    void everyMessageKeyHasEnglishAndChineseWithTheSameArguments() {
        List<String> wrong = new ArrayList<>();
        int keys = 0;
        for (String module : PlatformSources.sortedModules()) {
            String prefix = PlatformSources.MODULES.get(module);
            Properties en = PlatformSources.properties(module, "messages/" + prefix + ".properties");
            Properties zh = PlatformSources.properties(module, "messages/" + prefix + "_zh_CN.properties");
            if (en == null && zh == null) {
                continue;
            }
            assertThat(en).as("%s has messages/%s_zh_CN but no English base bundle", module, prefix).isNotNull();
            assertThat(zh).as("%s has no Chinese bundle messages/%s_zh_CN.properties", module, prefix).isNotNull();
            assertThat(zh.stringPropertyNames()).as("keys of %s: Chinese vs English", module)
                    .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
            for (String key : en.stringPropertyNames()) {
                keys++;
                if (!key.startsWith(prefix + ".")) {
                    wrong.add(key + ": a key of " + module + " starts with '" + prefix + ".' (its bundle is found by it)");
                }
                String english = en.getProperty(key);
                String chinese = zh.getProperty(key);
                problems(key + " (en)", english).forEach(wrong::add);
                problems(key + " (zh_CN)", chinese).forEach(wrong::add);
                if (!indexes(english).equals(indexes(chinese))) {
                    wrong.add(key + ": English has arguments " + indexes(english) + ", Chinese " + indexes(chinese));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(keys).isGreaterThan(100);
    }

    @Test
    void everyBeanValidationKeyHasEnglishAndChineseWithTheSameAttributes() {
        List<String> wrong = new ArrayList<>();
        for (String module : PlatformSources.sortedModules()) {
            String base = validationBundle(module);
            Properties en = PlatformSources.properties(module, base + ".properties");
            Properties zh = PlatformSources.properties(module, base + "_zh_CN.properties");
            if (en == null && zh == null) {
                continue;
            }
            assertThat(en).as("%s: %s.properties", module, base).isNotNull();
            assertThat(zh).as("%s: %s_zh_CN.properties", module, base).isNotNull();
            assertThat(zh.stringPropertyNames()).as("validation keys of %s", module)
                    .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
            for (String key : en.stringPropertyNames()) {
                if (!key.startsWith(PlatformSources.MODULES.get(module) + ".")) {
                    wrong.add(key + ": a validation key of " + module + " starts with its prefix");
                }
                if (!named(en.getProperty(key)).equals(named(zh.getProperty(key)))) {
                    wrong.add(key + ": English uses " + named(en.getProperty(key)) + ", Chinese " + named(zh.getProperty(key)));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyKeyTheCodeUsesIsInItsModulesBundleAndEveryBundleKeyIsUsed() {
        Pattern keyLiteral = Pattern.compile("\"((?:" + String.join("|", PlatformSources.MODULES.values()) + ")(?:\\.[a-z0-9-]+)+)\"");
        Pattern validationLiteral = Pattern.compile("message\\s*=\\s*\"\\{([a-z0-9.-]+)}\"");
        List<String> wrong = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        Set<String> usedValidation = new TreeSet<>();
        Map<String, Set<String>> bundleKeys = new java.util.HashMap<>();
        Map<String, Set<String>> validationKeys = new java.util.HashMap<>();
        for (String module : PlatformSources.sortedModules()) {
            String prefix = PlatformSources.MODULES.get(module);
            bundleKeys.put(prefix, keys(PlatformSources.properties(module, "messages/" + prefix + ".properties")));
            validationKeys.put(prefix, keys(PlatformSources.properties(module, validationBundle(module) + ".properties")));
        }
        for (String module : PlatformSources.sortedModules()) {
            String prefix = PlatformSources.MODULES.get(module);
            for (Map.Entry<Path, String> source : PlatformSources.javaSources(module).entrySet()) {
                Matcher m = keyLiteral.matcher(source.getValue());
                while (m.find()) {
                    String key = m.group(1);
                    if (NOT_MESSAGES.contains(key)) {
                        continue;
                    }
                    String keyPrefix = key.substring(0, key.indexOf('.'));
                    used.add(key);
                    if (!keyPrefix.equals(prefix) && !keyPrefix.equals("common")) {
                        wrong.add(source.getKey() + ": " + key + " is not on " + module + "'s class path (use a " + prefix + ". key)");
                    } else if (!bundleKeys.get(keyPrefix).contains(key)) {
                        wrong.add(source.getKey() + ": " + key + " is in no bundle (messages/" + keyPrefix + ".properties)");
                    }
                }
                Matcher v = validationLiteral.matcher(source.getValue());
                while (v.find()) {
                    String key = v.group(1);
                    usedValidation.add(key);
                    String keyPrefix = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
                    if (!validationKeys.getOrDefault(keyPrefix, Set.of()).contains(key)) {
                        wrong.add(source.getKey() + ": validation key " + key + " is in no "
                                + "ValidationMessages/ContributorValidationMessages bundle");
                    }
                }
            }
        }
        bundleKeys.values().stream().flatMap(Set::stream).filter(k -> !used.contains(k))
                .forEach(k -> wrong.add(k + " is in a bundle but no source uses it"));
        validationKeys.values().stream().flatMap(Set::stream).filter(k -> !usedValidation.contains(k))
                .forEach(k -> wrong.add(k + " is in a validation bundle but no annotation uses it"));
        assertThat(wrong).isEmpty();
    }

    @Test
    void theBundlesResolveOnTheClassPathInBothLanguages() {
        assertThat(Message.of("common.problem.title.not-found").in(Locale.ENGLISH)).isEqualTo("Resource not found");
        assertThat(Message.of("common.problem.title.not-found").in(Messages.CHINESE)).isEqualTo("资源不存在");
        assertThat(Message.of("common.http.415").english()).isEqualTo("the request's Content-Type is not supported here");
    }

    static String validationBundle(String module) {
        return module.equals("common") ? "ContributorValidationMessages" : "ValidationMessages";
    }

    private static Set<String> keys(Properties p) {
        return p == null ? Set.of() : p.stringPropertyNames();
    }

    /** The argument indexes a pattern names. */
    private static Set<Integer> indexes(String pattern) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = INDEX.matcher(pattern);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static Set<String> named(String template) {
        Set<String> found = new TreeSet<>();
        Matcher m = NAMED.matcher(template);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /**
     * What is wrong with a pattern: a single quote (MessageFormat would swallow it, or the arguments after it), an
     * argument not rendered, or an index skipped.
     */
    private static List<String> problems(String what, String pattern) {
        List<String> wrong = new ArrayList<>();
        if (pattern.replace("''", "").replace("'{'", "").replace("'}'", "").contains("'")) {
            wrong.add(what + ": a single quote; write '' for an apostrophe");
            return wrong;
        }
        Set<Integer> indexes = indexes(pattern);
        int count = indexes.isEmpty() ? 0 : indexes.stream().max(Integer::compare).orElseThrow() + 1;
        if (indexes.size() != count) {
            wrong.add(what + ": arguments " + indexes + " skip an index");
        }
        Object[] markers = IntStream.range(0, count).mapToObj(i -> "<<" + i + ">>").toArray();
        String rendered = new MessageFormat(pattern, Locale.ROOT).format(markers);
        Set<Integer> shown = indexes.stream().filter(i -> rendered.contains("<<" + i + ">>")).collect(Collectors.toSet());
        if (!shown.equals(indexes)) {
            wrong.add(what + ": renders only arguments " + shown + " of " + indexes);
        }
        return wrong;
    }
}
