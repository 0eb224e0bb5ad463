package cn.tongyou.indicator.domain;

import cn.tongyou.common.code.Coded;

/**
 * Where a region's values for a period stand on their way up the hierarchy (逐级审核): open (being worked on; also
 * every region and period nobody submitted yet), submitted to the level above, returned by it, accepted by it.
 */
public enum ApprovalStatus implements Coded {
    OPEN("open"), SUBMITTED("submitted"), RETURNED("returned"), ACCEPTED("accepted");

    private final String code;

    ApprovalStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ApprovalStatus ofCode(String code) {
        return Coded.of(ApprovalStatus.class, "indicator.code.approval-status", code);
    }

    /** Submitted and accepted values are in the hands of the level above: nobody below changes them. */
    public boolean locks() {
        return this == SUBMITTED || this == ACCEPTED;
    }
}
