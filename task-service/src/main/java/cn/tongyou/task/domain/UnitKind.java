package cn.tongyou.task.domain;

import cn.tongyou.common.code.Coded;

import java.util.List;

/**
 * A unit named in a plan is either one department (区卫健局, 团市委, 市妇儿工委办公室) or a group standing for many
 * bodies (各乡镇党委、政府, 各成员单位, 区儿童友好城区创建工作有关单位). Groups are listed like departments so their tasks can
 * be found, but they are marked: nobody in particular answers for them.
 */
public enum UnitKind implements Coded {
    DEPARTMENT("department"),
    GROUP("group");

    private static final List<String> GROUP_MARKERS = List.of("成员单位", "有关单位", "相关单位", "特邀单位", "主管部门",
            "各级", "乡镇", "镇(街道)", "镇（街道）", "村(居)", "村（居）", "街道党工委", "社区");

    private final String code;

    UnitKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static UnitKind of(String writtenName) {
        String name = writtenName == null ? "" : writtenName.strip();
        if (name.startsWith("各") || GROUP_MARKERS.stream().anyMatch(name::contains)) {
            return GROUP;
        }
        return DEPARTMENT;
    }

    public static UnitKind ofCode(String code) {
        return Coded.of(UnitKind.class, "task.code.unit-kind", code);
    }
}
