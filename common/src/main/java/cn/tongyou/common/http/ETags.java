package cn.tongyou.common.http;

import cn.tongyou.common.i18n.Message;
import cn.tongyou.common.problem.ProblemException;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Optimistic locking over HTTP (docs/design.md §8): a resource's strong ETag is {@code "<version>"}; a write must send
 * the ETag it read in {@code If-Match} (428 without it), and gets 412 when the resource has moved on since.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an If-Match header names.
     *
     * @throws ProblemException 428 when the header is missing or is {@code *} (a write must name the version it read)
     */
    public static Set<Long> versions(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired("common.etag.if-match-required");
        }
        if (ifMatch.strip().equals("*")) {
            throw ProblemException.preconditionRequired("common.etag.star-refused");
        }
        Set<Long> versions = new HashSet<>();
        for (String part : ifMatch.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                versions.add(Long.parseLong(tag));
            } catch (NumberFormatException e) {
                // an entity tag that is not one of ours never matches (412)
            }
        }
        return versions;
    }

    /**
     * Checks an If-Match header against the current version.
     *
     * @param what the message key naming the resource, e.g. {@code facility.noun.the-facility}
     * @throws ProblemException 428 without the header, 412 when it names another version
     */
    public static void requireMatch(String ifMatch, long current, String what) {
        Set<Long> expected = versions(ifMatch);
        if (!expected.contains(current)) {
            throw expected.isEmpty()
                    ? ProblemException.preconditionFailed("common.etag.changed.no-version", Message.of(what), current)
                    : ProblemException.preconditionFailed("common.etag.changed", Message.of(what),
                            expected.stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")), current);
        }
    }
}
