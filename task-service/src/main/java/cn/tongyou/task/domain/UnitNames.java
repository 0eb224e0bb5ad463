package cn.tongyou.task.domain;

import cn.tongyou.common.i18n.InvalidInput;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Department names as plans write them, brought together. Plans spell one department in several ways (区文旅局 and
 * 区文化和旅游局 in one plan; 市资源自然规划局 beside 市自然资源规划局; 各镇(街道) with half- and full-width brackets), and
 * a department's tasks must come together in the accountability view. Each spelling gets a <em>key</em>; spellings
 * with the same key in the same region are one unit. The key is built in steps, each of which only ever merges
 * spellings of the same body:
 *
 * <ol>
 *   <li>Unicode NFKC (full-width brackets and digits become half-width) and no whitespace;</li>
 *   <li>a leading 中共 is dropped, and the region's own name becomes its level character: 荥阳市教育局 → 市教育局,
 *       东昌府区卫健局 → 区卫健局, 中共荥阳市委宣传部 → 市委宣传部;</li>
 *   <li>standard abbreviations are spelt out ({@link #ABBREVIATIONS}: 卫健 → 卫生健康, 文旅 → 文化旅游, 发改 → 发展改革,
 *       人社, 住建, 资规, 医保局, 应急局, 交通局, 市场监管局, 教体局, 文广旅体, 消防支队 → 消防救援支队 after the 2018
 *       reform …), the conjunction 和 is dropped (文化和旅游 = 文化旅游, 住房和城乡建设 = 住房城乡建设), 委员会 reads 委
 *       and a trailing 办公室 reads 办;</li>
 *   <li>a bare department name gets the region's level character: 教育局 in 荥阳市's plan → 市教育局;</li>
 *   <li>finally the alias table ({@link #REGION_ALIASES}) maps spellings no rule can derive, per county: misprints
 *       (市资源自然规划局 → 市自然资源规划局) and a plan's two names of one bureau (市文化广电和旅游局 = 市文广旅体局).</li>
 * </ol>
 *
 * A unit keeps its name as first written; the other spellings are its aliases. What the rules do not catch, a
 * coordinator adds as an alias over the API, which merges the two units.
 */
public final class UnitNames {

    /** Abbreviation → full form, applied in this order (longer and more specific first). */
    static final Map<String, String> ABBREVIATIONS = ordered(
            "文广旅体", "文化广电旅游体育",
            "妇女儿童工作委员会", "妇儿工委",
            "卫健", "卫生健康",
            "发改", "发展改革",
            "人社", "人力资源社会保障",
            "住建", "住房城乡建设",
            "资规", "自然资源规划",
            "市场监管局", "市场监督管理局",
            "医保局", "医疗保障局",
            "应急局", "应急管理局",
            "交通局", "交通运输局",
            "教体局", "教育体育局",
            "文旅", "文化旅游",
            "消防支队", "消防救援支队",
            "消防大队", "消防救援大队",
            "共青团", "团");

    /**
     * Spellings that no rule derives, by county (6-digit code prefix): written alias → name as the plan mostly
     * writes it. Documented in the README; extend it when a new plan brings a new misprint, or add the alias over
     * the API.
     */
    static final Map<String, Map<String, String>> REGION_ALIASES = Map.of(
            // 荥阳市 (410182): one misprint, and the culture bureau under its full and its abbreviated name
            "410182", Map.of(
                    "市资源自然规划局", "市自然资源规划局",
                    "市文化广电和旅游局", "市文广旅体局"));

    private static final List<String> LEVEL_PREFIXES = List.of("省", "市", "区", "县", "旗", "镇", "乡", "街道", "各", "团",
            "村", "国家", "中央");
    private static final List<String> DEPARTMENT_SUFFIXES = List.of("局", "委", "办", "院", "联", "协", "会", "部",
            "中心", "支队", "大队");

    private final String regionName;
    private final String levelChar;
    private final Map<String, String> aliasKeys = new HashMap<>();

    private UnitNames(String regionCode, String regionName) {
        this.regionName = regionName == null || regionName.isBlank() ? null : basic(regionName);
        this.levelChar = levelChar(this.regionName);
        if (regionCode != null && regionCode.length() >= 6) {
            Map<String, String> aliases = REGION_ALIASES.getOrDefault(regionCode.substring(0, 6), Map.of());
            aliases.forEach((alias, canonical) -> aliasKeys.put(ruleKey(alias), ruleKey(canonical)));
        }
    }

    /**
     * The normaliser of one region.
     *
     * @param regionCode 12-digit (or 6-digit) code; selects the county's alias table
     * @param regionName the region's name as the plan writes it (荥阳市), or null when unknown (then no step needs it)
     */
    public static UnitNames forRegion(String regionCode, String regionName) {
        return new UnitNames(regionCode, regionName);
    }

    /** The name as shown: as written, without surrounding or repeated whitespace. */
    public static String clean(String written) {
        return written == null ? null : written.strip().replaceAll("\\s+", " ");
    }

    /** The key under which spellings of one department meet. */
    public String key(String written) {
        String key = ruleKey(written);
        return aliasKeys.getOrDefault(key, key);
    }

    /** True when the two spellings name the same unit in this region. */
    public boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    private String ruleKey(String written) {
        String s = basic(written);
        if (s.startsWith("中共") && s.length() > 2) {
            s = s.substring(2);
        }
        if (regionName != null && levelChar != null && s.length() > regionName.length() && s.startsWith(regionName)) {
            s = levelChar + s.substring(regionName.length());
        }
        for (Map.Entry<String, String> e : ABBREVIATIONS.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        s = s.replace("和", "").replace("委员会", "委");
        if (s.endsWith("办公室")) {
            s = s.substring(0, s.length() - 3) + "办";
        }
        if (levelChar != null && isBareDepartment(s)) {
            s = levelChar + s;
        }
        return s;
    }

    private static boolean isBareDepartment(String s) {
        return LEVEL_PREFIXES.stream().noneMatch(s::startsWith) && DEPARTMENT_SUFFIXES.stream().anyMatch(s::endsWith);
    }

    private static String basic(String written) {
        if (written == null) {
            throw new InvalidInput("task.unit.name-required");
        }
        return Normalizer.normalize(written, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    /** 荥阳市 → 市, 东昌府区 → 区; null when the name does not end in a level word. */
    private static String levelChar(String regionName) {
        if (regionName == null || regionName.isEmpty()) {
            return null;
        }
        String last = regionName.substring(regionName.length() - 1);
        return List.of("市", "区", "县", "旗").contains(last) ? last : null;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
