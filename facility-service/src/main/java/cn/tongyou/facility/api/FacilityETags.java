package cn.tongyou.facility.api;

import cn.tongyou.common.problem.ProblemException;

import java.util.HashSet;
import java.util.Set;

/** Strong ETags {@code "<version>"} and the If-Match preconditions of writes (DESIGN.md §7). */
final class FacilityETags {

    private FacilityETags() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The versions an If-Match header names.
     *
     * @throws ProblemException 428 when the header is missing or is {@code *} (a write must name the version it read)
     */
    static Set<Long> versions(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.preconditionRequired("this write needs an If-Match header with the ETag you read "
                    + "(GET the facility, then send If-Match: \"<version>\"), so that a concurrent change is not overwritten");
        }
        if (ifMatch.strip().equals("*")) {
            throw ProblemException.preconditionRequired("If-Match: * is not accepted; send the ETag you read (If-Match: \"<version>\")");
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

    /** @throws ProblemException 412 when {@code current} is not among the versions of the If-Match header */
    static void require(Set<Long> expected, long current) {
        if (!expected.contains(current)) {
            throw ProblemException.preconditionFailed("the facility was changed since you read it: If-Match names "
                    + (expected.isEmpty() ? "no version of it" : "version " + expected.stream().sorted().map(String::valueOf)
                    .reduce((a, b) -> a + ", " + b).orElse(""))
                    + " but it is at version " + current + "; GET it again and reapply your change");
        }
    }
}
