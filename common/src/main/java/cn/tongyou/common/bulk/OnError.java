package cn.tongyou.common.bulk;

import cn.tongyou.common.problem.ProblemException;

/** What a bulk request does when some rows have errors. */
public enum OnError {
    /** All or nothing: any row error rejects the whole request (422) and nothing is written. */
    REJECT("reject"),
    /** The valid rows are written; the report lists the others. */
    SKIP("skip");

    private final String code;

    OnError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * The {@code onError} query parameter; absent or blank means {@link #REJECT}.
     *
     * @throws ProblemException 400 naming the parameter for any other word
     */
    public static OnError parse(String raw) {
        String word = raw == null ? "" : raw.strip();
        if (word.isEmpty()) {
            return REJECT;
        }
        for (OnError value : values()) {
            if (value.code.equals(word)) {
                return value;
            }
        }
        throw ProblemException.invalidField("onError", "common.bulk.on-error", raw);
    }
}
