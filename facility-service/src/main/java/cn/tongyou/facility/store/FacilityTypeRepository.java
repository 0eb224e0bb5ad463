package cn.tongyou.facility.store;

import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.facility.domain.ChecklistItem;
import cn.tongyou.facility.domain.FacilityAttribute;
import cn.tongyou.facility.domain.FacilityType;
import cn.tongyou.facility.domain.FacilityValueType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facility types and their standards (table {@code facility_type}, seeded by migrations). Types change only with
 * a migration, so they are read once and kept.
 */
@ApplicationScoped
public class FacilityTypeRepository {

    @Inject
    AgroalDataSource dataSource;

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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select code, name_zh, name_en, description, child_facility, unit_level, host_rule, hosted_by, "
                             + "checklist::text, attributes::text, standard_source, sort_order "
                             + "from facility_type order by sort_order, code");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                int unitLevel = rs.getInt(6);
                RegionLevel level = rs.wasNull() ? null : RegionLevel.ofDepth(unitLevel);
                FacilityType type = new FacilityType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), level, items(rs.getString(9)), attributes(rs.getString(10)),
                        rs.getString(7), rs.getString(8), rs.getString(11), rs.getInt(12));
                types.put(type.code(), type);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facility types", e);
        }
        return java.util.Collections.unmodifiableMap(types);
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
