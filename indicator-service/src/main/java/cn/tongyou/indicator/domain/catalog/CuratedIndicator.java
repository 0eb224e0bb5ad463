package cn.tongyou.indicator.domain.catalog;

import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.ValueType;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the plans do not say about an indicator and the catalogue must know: its stable code, the other names it goes
 * by, its real unit (儿童伤害死亡率 is per 10万, though plans quote the reduction in %), how it is obtained (儿童之家覆盖率
 * comes from facility data), whether it is a gross rate. Kept as data in {@code catalog/curated-indicators.json};
 * every field but code and name is optional and only overrides what the import infers.
 *
 * @param scopeKeywords for a derived coverage indicator: words of a facility target's scope that select it (城市 →
 *                      urban communities); empty = any scope
 */
public record CuratedIndicator(String code, String name, String nameEn, List<String> aliases, String unit,
                               ValueType valueType, Direction direction, Integer precision, Obtained obtained, Integer scale,
                               String numeratorLabel, String denominatorLabel, Boolean bounded, Derivation derivation,
                               List<String> scopeKeywords, Set<Period.Type> periodTypes) {

    /** The match keys of the name and every alias. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(IndicatorNames.matchKey(name));
        aliases.forEach(a -> keys.add(IndicatorNames.matchKey(a)));
        return keys;
    }

    public static List<CuratedIndicator> listFrom(JsonNode array) {
        List<CuratedIndicator> result = new ArrayList<>();
        for (JsonNode n : array) {
            Derivation derivation = null;
            JsonNode d = n.path("derivation");
            if (d.isObject()) {
                derivation = new Derivation(d.path("facilityType").asText(), Derivation.Measure.ofCode(d.path("measure").asText()),
                        d.hasNonNull("level") ? RegionLevel.ofCode(d.path("level").asText()) : null,
                        d.hasNonNull("area") ? d.path("area").asText() : null, d.path("hostBased").asBoolean(false),
                        d.hasNonNull("openedSince") ? java.time.LocalDate.parse(d.path("openedSince").asText()) : null,
                        text(d, "certifiedAtLeast"), text(d, "nameContains"), text(d, "standard"));
            }
            Set<Period.Type> periodTypes = new LinkedHashSet<>();
            n.path("periodTypes").forEach(p -> periodTypes.add(Period.Type.ofCode(p.asText())));
            result.add(new CuratedIndicator(n.path("code").asText(), n.path("name").asText(), text(n, "nameEn"),
                    strings(n.path("aliases")), text(n, "unit"),
                    n.hasNonNull("valueType") ? ValueType.ofCode(n.path("valueType").asText()) : null,
                    n.hasNonNull("direction") ? Direction.ofCode(n.path("direction").asText()) : null,
                    n.hasNonNull("precision") ? n.path("precision").asInt() : null,
                    n.hasNonNull("obtained") ? Obtained.ofCode(n.path("obtained").asText()) : null,
                    n.hasNonNull("scale") ? n.path("scale").asInt() : null,
                    text(n, "numeratorLabel"), text(n, "denominatorLabel"),
                    n.hasNonNull("bounded") ? n.path("bounded").asBoolean() : null, derivation,
                    strings(n.path("scopeKeywords")), periodTypes));
        }
        return result;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.path(field).asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(s -> list.add(s.asText()));
        return list;
    }
}
