package cn.tongyou.reporting.store;

import cn.tongyou.common.indicator.Assessment;
import cn.tongyou.common.indicator.Computation;
import cn.tongyou.common.indicator.Derivation;
import cn.tongyou.common.indicator.Direction;
import cn.tongyou.common.indicator.Indicator;
import cn.tongyou.common.indicator.Obtained;
import cn.tongyou.common.period.Period;
import cn.tongyou.common.indicator.Status;
import cn.tongyou.common.indicator.TargetKind;
import cn.tongyou.common.indicator.TargetSpec;
import cn.tongyou.common.indicator.ValueType;
import cn.tongyou.common.region.RegionCode;
import cn.tongyou.common.region.RegionLevel;
import cn.tongyou.common.schedule.MilestoneStatus;
import cn.tongyou.common.store.Jdbc;
import cn.tongyou.common.store.SqlArray;
import cn.tongyou.reporting.domain.CompletenessFacts;
import cn.tongyou.reporting.domain.ComplianceRules;
import cn.tongyou.reporting.domain.Discipline;
import cn.tongyou.reporting.domain.Facts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what the compliance rules need about one region from the projections (deleted rows left out). */
@ApplicationScoped
public class FactsStore {

    private static final Logger LOG = Logger.getLogger(FactsStore.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    public Facts load(RegionCode scope, LocalDate today) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Facts.Region> regions = regions(c, scope, today);
            // the scope and its direct children: whose own targets, tasks and milestones are read
            Set<String> owners = new LinkedHashSet<>();
            owners.add(scope.value());
            regions.values().stream().filter(r -> scope.value().equals(r.parentCode())).forEach(r -> owners.add(r.code()));
            SqlArray ownerArray = SqlArray.text(owners);

            List<Facts.Facility> facilities = new ArrayList<>();
            Jdbc.forEach(c, "select id, facility_type, region_code, data->>'status' as status,"
                    + " (data->>'meetsStandard')::boolean as meets_standard, data->>'hostFacilityId' as host_facility_id,"
                    + " (data->>'hostRequired')::boolean as host_required, version, data->>'name' as name,"
                    + " data->>'openedOn' as opened_on, data->>'closedOn' as closed_on, data->>'certificationLevel' as certification_level,"
                    + " case when jsonb_typeof(data->'standardGaps') = 'array' and jsonb_array_length(data->'standardGaps') > 0"
                    + " then (data->'standardGaps')::text end as standard_gaps from facility_projection"
                    + " where not deleted and region_code like ?", List.of(scope.subtreePattern()), row -> {
                        String opened = row.string("opened_on");
                        String closed = row.string("closed_on");
                        facilities.add(new Facts.Facility(row.string("id"), row.string("facility_type"), row.string("region_code"),
                                row.string("status"), row.bool("meets_standard"), row.string("host_facility_id"),
                                row.boolOrNull("host_required"), row.longValue("version"), row.string("name"),
                                opened == null ? null : LocalDate.parse(opened), closed == null ? null : LocalDate.parse(closed),
                                row.string("certification_level"), gaps(row.string("standard_gaps"))));
                    });
            Map<String, Facts.IndicatorDef> indicators = indicators(c);
            List<Facts.Target> targets = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from target_projection where not deleted and region_code = any(?)", ownerArray)) {
                try {
                    targets.add(target(r));
                } catch (RuntimeException e) {
                    LOG.warnf("target %s left out: %s", r.id, e.getMessage());
                }
            }
            List<Facts.Observation> observations = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from observation_projection where not deleted and region_code = any(?)"
                    + " and jsonb_typeof(data->'approved') = 'object'", ownerArray)) {
                JsonNode a = r.data.path("approved");
                observations.add(new Facts.Observation(r.id, r.data.path("indicatorCode").asText(), r.data.path("regionCode").asText(),
                        Period.parse(r.data.path("period").asText()), decimal(a.get("value")), text(a.get("valueText")),
                        decimal(a.get("numerator")), decimal(a.get("denominator")), r.version));
            }
            Map<String, Facts.Plan> plans = new HashMap<>();
            for (Row r : rows(c, "select id, version, data from plan_projection where not deleted and region_code = any(?)", ownerArray)) {
                plans.put(r.id, new Facts.Plan(r.id, text(r.data.get("regionCode")), text(r.data.get("title")), text(r.data.get("status")), r.version));
            }
            Map<String, Facts.Task> tasks = new LinkedHashMap<>();
            for (Row r : rows(c, "select id, version, data from task_projection where not deleted and region_code = any(?)", ownerArray)) {
                tasks.put(r.id, task(r));
            }
            List<Facts.Milestone> milestones = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from milestone_projection where not deleted and region_code = any(?)", ownerArray)) {
                String due = text(r.data.get("dueDate"));
                milestones.add(new Facts.Milestone(r.id, text(r.data.get("taskId")), text(r.data.get("planId")), text(r.data.get("regionCode")),
                        due == null ? null : LocalDate.parse(due), MilestoneStatus.ofCode(text(r.data.get("status"))), text(r.data.get("statement")), r.version,
                        text(r.data.get("facilityType")), decimal(r.data.get("value"))));
            }
            List<Facts.Report> reports = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from progress_report_projection where not deleted and region_code = any(?)", ownerArray)) {
                reports.add(new Facts.Report(r.id, text(r.data.get("taskId")), text(r.data.get("unitId")), text(r.data.get("period")),
                        text(r.data.get("status")), r.version));
            }
            Map<String, Facts.Unit> units = new HashMap<>();
            for (Row r : rows(c, "select id, version, data from unit_projection where not deleted and region_code = any(?)", ownerArray)) {
                units.put(r.id, unit(r));
            }
            return new Facts(regions, facilities, indicators, targets, observations, plans, tasks, milestones, reports, units);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the projections failed", e);
        }
    }

    /**
     * What completeness reads about the whole subtree of {@code scope}: regions, the catalogue, every live target, every
     * observation of the period (whatever its status), plans, tasks and reports of the subtree, and its units.
     */
    public CompletenessFacts completeness(RegionCode scope, Period period, LocalDate today) {
        return completeness(scope, period, today, null);
    }

    /** The same, with the subtree's regions already read (a compliance view has them: a province's are 50,000). */
    public CompletenessFacts completeness(RegionCode scope, Period period, LocalDate today, Map<String, Facts.Region> known) {
        List<String> subtree = List.of(scope.subtreePattern());
        try (Connection c = dataSource.getConnection()) {
            Map<String, Facts.Region> regions = known != null ? known : regions(c, scope, today);
            Map<String, Facts.IndicatorDef> indicators = indicators(c);
            List<Facts.Target> targets = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from target_projection where not deleted and region_code like ?"
                    + " and (data->>'year')::int >= ?", List.of(scope.subtreePattern(), period.year()))) {
                try {
                    targets.add(target(r));
                } catch (RuntimeException e) {
                    LOG.warnf("target %s left out: %s", r.id, e.getMessage());
                }
            }
            List<CompletenessFacts.Value> values = new ArrayList<>();
            Jdbc.forEach(c, "select id, version, indicator_code, region_code, data->>'period' as period, data->>'status' as status,"
                    + " data->>'firstSubmittedAt' as first_submitted_at from observation_projection"
                    + " where not deleted and region_code like ? and data->>'period' = ?", List.of(scope.subtreePattern(), period.toString()), row -> {
                        String first = row.string("first_submitted_at");
                        values.add(new CompletenessFacts.Value(row.string("id"), row.string("indicator_code"), row.string("region_code"),
                                row.string("period"), row.string("status"), first == null ? null : Instant.parse(first), row.longValue("version")));
                    });
            Map<String, Facts.Plan> plans = new HashMap<>();
            for (Row r : rows(c, "select id, version, data from plan_projection where not deleted and region_code like ?", subtree)) {
                plans.put(r.id, new Facts.Plan(r.id, text(r.data.get("regionCode")), text(r.data.get("title")), text(r.data.get("status")), r.version));
            }
            Map<String, Facts.Task> tasks = new LinkedHashMap<>();
            for (Row r : rows(c, "select id, version, data from task_projection where not deleted and region_code like ?", subtree)) {
                tasks.put(r.id, task(r));
            }
            String half = ComplianceRules.reportingHalf(period).toString();
            List<CompletenessFacts.Report> reports = new ArrayList<>();
            Jdbc.forEach(c, "select id, version, data->>'taskId' as task_id, data->>'unitId' as unit_id, data->>'status' as status,"
                    + " coalesce((data->>'late')::boolean, false) as late from progress_report_projection"
                    + " where not deleted and region_code like ? and data->>'period' = ?", List.of(scope.subtreePattern(), half),
                    row -> reports.add(new CompletenessFacts.Report(row.string("id"), row.string("task_id"), row.string("unit_id"), half,
                            row.string("status"), row.bool("late"), row.longValue("version"))));
            Map<String, Facts.Unit> units = new HashMap<>();
            for (Row r : rows(c, "select id, version, data from unit_projection where not deleted and region_code like ?", subtree)) {
                units.put(r.id, unit(r));
            }
            return new CompletenessFacts(regions, indicators, targets, values, plans, tasks, reports, units);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the projections failed", e);
        }
    }

    /** The approval states for the period of {@code scope} and of its direct children (by code), by region code. */
    public List<Discipline.ApprovalState> approvals(RegionCode scope, Period period) {
        try (Connection c = dataSource.getConnection()) {
            List<Discipline.ApprovalState> states = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from approval_projection where not deleted and period = ?"
                    + " and region_code like ? order by region_code", List.of(period.toString(), scope.subtreePattern()))) {
                String region = text(r.data.get("region"));
                if (region == null || !RegionCode.isValid(region)) {
                    continue;
                }
                RegionCode code = RegionCode.parse(region);
                if (!code.equals(scope) && !scope.equals(code.parent())) {
                    continue;
                }
                List<Discipline.ApprovalStep> history = new ArrayList<>();
                r.data.path("history").forEach(h -> {
                    List<String> observations = new ArrayList<>();
                    h.path("observations").forEach(o -> observations.add(o.asText()));
                    history.add(new Discipline.ApprovalStep(text(h.get("action")), text(h.get("level")), text(h.get("actor")),
                            instant(h.get("at")), text(h.get("comment")), observations));
                });
                states.add(new Discipline.ApprovalState(region, text(r.data.get("regionName")), text(r.data.get("regionLevel")),
                        text(r.data.get("status")), text(r.data.get("acceptorLevel")), r.version, instant(r.data.get("updatedAt")),
                        text(r.data.get("updatedBy")), history.isEmpty() ? null : history.get(history.size() - 1).comment(), history));
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the approvals failed", e);
        }
    }

    /** The open data-quality findings of the subtree for the period, by region then id. */
    public List<Discipline.Finding> openFindings(RegionCode scope, Period period) {
        try (Connection c = dataSource.getConnection()) {
            List<Discipline.Finding> findings = new ArrayList<>();
            for (Row r : rows(c, "select id, version, data from quality_finding_projection where not deleted and period = ?"
                    + " and status = 'open' and region_code like ? order by region_code, id", List.of(period.toString(), scope.subtreePattern()))) {
                List<Discipline.FindingValue> values = new ArrayList<>();
                r.data.path("values").forEach(v -> values.add(new Discipline.FindingValue(text(v.get("indicator")), text(v.get("part")),
                        decimal(v.get("value")))));
                findings.add(new Discipline.Finding(r.id, text(r.data.get("kind")), text(r.data.get("ruleCode")), text(r.data.get("importance")),
                        r.data.path("blocking").asBoolean(false), text(r.data.get("region")), text(r.data.get("period")), values,
                        text(r.data.get("message")), text(r.data.get("messageZh")), decimal(r.data.get("score"))));
            }
            return findings;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the quality findings failed", e);
        }
    }

    private static Instant instant(JsonNode n) {
        String t = text(n);
        return t == null ? null : Instant.parse(t);
    }

    private Map<String, Facts.IndicatorDef> indicators(Connection c) throws SQLException {
        Map<String, Facts.IndicatorDef> indicators = new HashMap<>();
        for (Row r : rows(c, "select id, version, data from indicator_projection where not deleted", List.of())) {
            try {
                indicators.put(r.id, new Facts.IndicatorDef(indicator(r.data), r.version));
            } catch (RuntimeException e) {
                LOG.warnf("indicator %s left out: %s", r.id, e.getMessage());
            }
        }
        return indicators;
    }

    private static Facts.Task task(Row r) {
        List<Facts.UnitRef> leads = new ArrayList<>();
        r.data.path("leadUnits").forEach(u -> leads.add(new Facts.UnitRef(text(u.get("id")), text(u.get("name")))));
        return new Facts.Task(r.id, text(r.data.get("planId")), text(r.data.get("regionCode")), text(r.data.get("number")),
                text(r.data.get("domain")), text(r.data.get("title")), leads, r.version);
    }

    private static Facts.Unit unit(Row r) {
        List<String> aliases = new ArrayList<>();
        r.data.path("aliases").forEach(a -> aliases.add(a.asText()));
        return new Facts.Unit(r.id, text(r.data.get("name")), aliases);
    }

    private Map<String, Facts.Region> regions(Connection c, RegionCode scope, LocalDate today) throws SQLException {
        // in code order: the rules index the subtree by code, and sorting pre-sorted input is linear
        Map<String, Facts.Region> regions = new LinkedHashMap<>();
        try (PreparedStatement ps = Jdbc.prepare(c, "select id, data->>'name' as name, level, parent_code,"
                + " data->>'urbanRuralCode' as urban_rural_code, data->>'urbanRural' as urban_rural,"
                + " data->>'validTo' as valid_to"
                + " from region_projection where not deleted and id like ? order by id", List.of(scope.subtreePattern()))) {
            ps.setFetchSize(5000);
            Jdbc.forEach(ps, row -> {
                String validTo = row.string("valid_to");
                boolean retired = validTo != null && !LocalDate.parse(validTo).isAfter(today);
                regions.put(row.string("id"), new Facts.Region(row.string("id"), row.string("name"), row.string("level"),
                        row.string("parent_code"), row.string("urban_rural_code"), row.string("urban_rural"), retired));
            });
        }
        return regions;
    }

    /** The provinces the region projection knows, in code order: what a country snapshot goes through one by one. */
    public List<RegionCode> provinces() {
        return jdbc.list("select id from region_projection where not deleted and level = 'province' order by id", List.of(),
                row -> row.string("id")).stream().filter(RegionCode::isValid).map(RegionCode::parse).toList();
    }

    public boolean regionKnown(RegionCode code) {
        return jdbc.first("select 1 as known from region_projection where id = ? and not deleted", List.of(code.value()),
                row -> true).isPresent();
    }

    private record Row(String id, long version, JsonNode data) {
    }

    private List<Row> rows(Connection c, String sql, SqlArray owners) throws SQLException {
        return rows(c, sql, owners == null ? List.of() : List.of(owners));
    }

    private List<Row> rows(Connection c, String sql, List<?> params) throws SQLException {
        List<Row> rows = new ArrayList<>();
        Jdbc.forEach(c, sql, params, row -> rows.add(new Row(row.string("id"), row.longValue("version"), readTree(row.json("data")))));
        return rows;
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Indicator indicator(JsonNode d) {
        JsonNode comp = d.get("computation");
        Computation computation = comp == null || comp.isNull() ? null
                : new Computation(comp.path("scale").asInt(), text(comp.get("numeratorLabel")), text(comp.get("denominatorLabel")));
        JsonNode der = d.get("derivation");
        Derivation derivation = der == null || der.isNull() ? null
                : new Derivation(text(der.get("facilityType")), Derivation.Measure.ofCode(text(der.get("measure"))),
                text(der.get("level")) == null ? null : RegionLevel.ofCode(text(der.get("level"))), text(der.get("area")),
                der.path("hostBased").asBoolean(false),
                text(der.get("openedSince")) == null ? null : LocalDate.parse(text(der.get("openedSince"))),
                text(der.get("certifiedAtLeast")), text(der.get("nameContains")), text(der.get("standard")));
        List<String> departments = new ArrayList<>();
        d.path("departments").forEach(x -> departments.add(x.asText()));
        Set<Period.Type> types = new LinkedHashSet<>();
        d.path("periodTypes").forEach(x -> types.add(Period.Type.ofCode(x.asText())));
        return new Indicator(text(d.get("code")), text(d.get("name")), text(d.get("nameEn")), text(d.get("domain")), text(d.get("unit")),
                ValueType.ofCode(text(d.get("valueType"))), Direction.ofCode(text(d.get("direction"))), d.path("precision").asInt(),
                departments, Obtained.ofCode(text(d.get("obtained"))), computation, derivation, d.path("bounded").asBoolean(true), types);
    }

    static Facts.Target target(Row r) {
        JsonNode d = r.data;
        TargetSpec spec = new TargetSpec(TargetKind.ofCode(text(d.get("kind"))), decimal(d.get("value")), decimal(d.get("valueMax")),
                d.hasNonNull("boolValue") ? d.get("boolValue").asBoolean() : null,
                d.hasNonNull("baselineYear") ? d.get("baselineYear").asInt() : null,
                text(d.get("reference")) == null ? null : TargetSpec.Reference.ofCode(text(d.get("reference"))));
        JsonNode a = d.get("assessment");
        Assessment assessment = a == null || a.isNull() ? null : new Assessment(Status.valueOf(text(a.get("verdict"))), text(a.get("reason")),
                text(a.get("assessedBy")), text(a.get("assessedAt")) == null ? null : Instant.parse(text(a.get("assessedAt"))));
        List<String> units = new ArrayList<>();
        d.path("responsibleUnits").forEach(x -> units.add(x.asText()));
        JsonNode source = d.path("source");
        return new Facts.Target(r.id, text(d.get("indicatorCode")), text(d.get("regionCode")), d.path("year").asInt(), text(d.get("level")),
                spec, assessment, text(d.get("text")), units, r.version, text(d.get("note")), text(source.get("kind")), text(source.get("number")));
    }

    private List<String> gaps(String json) {
        if (json == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        readTree(json).forEach(g -> list.add(g.asText()));
        return list;
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || !n.isNumber() ? null : n.decimalValue();
    }
}
