package cn.tongyou.facility.store;

import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.facility.domain.ChecklistItem;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValueType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facility types and their standards (table {@code facility_type}, seeded by migrations). Types change only with
 * a migration, so they are read once and kept.
 */
@ApplicationScoped
public class FacilityTypeStore {

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    private volatile Map<String, FacilityType> cache;

    public Collection<FacilityType> all() {
        return types().values();
    }

    public Optional<FacilityType> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(types().get(code.strip()));
    }

    public List<String> codes() {
        return List.copyOf(types().keySet());
    }

    private Map<String, FacilityType> types() {
        Map<String, FacilityType> current = cache;
        if (current == null) {
            current = load();
            cache = current;
        }
        return current;
    }

    private Map<String, FacilityType> load() {
        Map<String, FacilityType> types = new LinkedHashMap<>();
        jdbc.forEach("select code, name_zh, name_en, description, child_facility, unit_level, host_rule, hosted_by, "
                + "checklist::text as checklist, attributes::text as attributes, standard_source, sort_order "
                + "from facility_type order by sort_order, code", List.of(), row -> {
            Integer unitLevel = row.intOrNull("unit_level");
            FacilityType type = new FacilityType(row.string("code"), row.string("name_zh"), row.string("name_en"),
                    row.string("description"), row.bool("child_facility"),
                    unitLevel == null ? null : RegionLevel.ofDepth(unitLevel),
                    items(row.string("checklist")), attributes(row.string("attributes")), row.string("host_rule"),
                    row.string("hosted_by"), row.string("standard_source"), row.intValue("sort_order"));
            types.put(type.code(), type);
        });
        return Collections.unmodifiableMap(types);
    }

    private List<ChecklistItem> items(String json) {
        List<ChecklistItem> items = new ArrayList<>();
        for (JsonNode node : tree(json)) {
            items.add(new ChecklistItem(node.path("code").asText(), text(node, "nameZh"), text(node, "nameEn"),
                    FacilityValueType.ofCode(node.path("valueType").asText()), node.path("required").asBoolean(false),
                    node.hasNonNull("minimum") ? node.get("minimum").asDouble() : null,
                    text(node, "unit"), text(node, "description")));
        }
        return items;
    }

    private List<FacilityAttribute> attributes(String json) {
        List<FacilityAttribute> attributes = new ArrayList<>();
        for (JsonNode node : tree(json)) {
            attributes.add(new FacilityAttribute(node.path("code").asText(), text(node, "nameZh"),
                    FacilityValueType.ofCode(node.path("valueType").asText()),
                    node.hasNonNull("minimum") ? node.get("minimum").asDouble() : null,
                    text(node, "unit"), text(node, "description")));
        }
        return attributes;
    }

    private JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
