package cn.tongyou.facility.domain;

import cn.tongyou.common.code.Coded;

/**
 * Where a region's urban/rural class comes from (docs/design.md §3): {@code imported} with an NBS 城乡分类代码, or
 * {@code derived} from the village's name ({@link cn.tongyou.common.coverage.UrbanRural#fromName}). An imported class
 * wins: a later import without the code keeps it, and an import with the code replaces a derived one.
 */
public enum UrbanRuralSource implements Coded {
    IMPORTED("imported"),
    DERIVED("derived");

    private final String code;

    UrbanRuralSource(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
