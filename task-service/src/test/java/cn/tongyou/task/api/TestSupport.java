package cn.tongyou.task.api;

import cn.tongyou.local.testing.SharedData;
import cn.tongyou.local.DevTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * Tokens, the shared catalogue and a builder of small plans. Each test class works in its own region so that the
 * classes, which share one application and database, never see each other's plans:
 * PlanImportTest the five real regions, AccountabilityTest 410183 (新密市), MilestoneFlowTest 410184 (新郑市),
 * ReportFlowTest 410185 (登封市), ValidationAndSecurityTest 410122 (中牟县), OutboxEventsTest 410108 (惠济区).
 */
public final class TestSupport {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private TestSupport() {
    }

    public static LocalDate today() {
        return LocalDate.now(BEIJING);
    }

    public static String bearer(String role, String region) {
        return "Bearer " + DevTokens.mint("test-" + role + "-" + (region == null ? "cn" : region), Set.of(role),
                region == null ? DevTokens.NATIONWIDE : region);
    }

    public static String coordinator(String region) {
        return bearer("coordinator", region);
    }

    public static String admin() {
        return bearer("admin", null);
    }

    public static String viewer() {
        return bearer("viewer", "41");
    }

    /** A viewer of the whole country (region claim CN): reads scoped data (reports, units' ranking) everywhere. */
    public static String nationalViewer() {
        return bearer("viewer", null);
    }

    public static String reporter(String region, String unit) {
        return "Bearer " + DevTokens.mint("test-reporter-" + unit, Set.of("reporter"), region, unit, Duration.ofHours(1));
    }

    /** ../shared beside the repository, or CFC_SHARED_DIR. */
    public static Path shared() {
        return SharedData.dir();
    }

    public static List<Path> catalogue() {
        return SharedData.catalogue();
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small plan in the catalogue format. */
    public static final class PlanDoc {
        private final ObjectNode root = JSON.createObjectNode();
        private final ArrayNode tasks;

        public PlanDoc(String source, String title, String divisionCode, String regionName) {
            root.put("source", source);
            root.put("document", title);
            root.put("document_kind", "construction-plan");
            ObjectNode region = root.putObject("region");
            region.put("name", regionName);
            region.put("level", "county-level-city");
            region.put("parent", "郑州市");
            region.put("province", "河南省");
            region.put("division_code", divisionCode);
            root.putNull("issued");
            root.putNull("issuer_ref");
            root.putArray("horizon_years").add(2025).add(2035);
            root.putArray("domains").add("社会政策友好").add("公共服务友好");
            tasks = root.putArray("tasks");
        }

        public TaskDoc task(String number, String domain, String title, List<String> lead, List<String> participating) {
            ObjectNode t = tasks.addObject();
            t.put("number", number);
            t.put("domain", domain);
            t.put("section", "（一）" + domain);
            t.put("title", title);
            t.put("summary", title + "。");
            ArrayNode l = t.putArray("lead_units");
            lead.forEach(l::add);
            ArrayNode p = t.putArray("participating_units");
            participating.forEach(p::add);
            return new TaskDoc(t.putArray("milestones"));
        }

        public ObjectNode root() {
            return root;
        }

        public String json() {
            try {
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The milestones of a task being built. */
    public static final class TaskDoc {
        private final ArrayNode milestones;

        TaskDoc(ArrayNode milestones) {
            this.milestones = milestones;
        }

        /** A {@code >=} milestone counting 所, due on {@code by} (null: undated). */
        public TaskDoc milestone(LocalDate by, String statement, int value) {
            ObjectNode m = milestones.addObject();
            if (by == null) {
                m.putNull("by");
            } else {
                m.put("by", by.toString());
            }
            m.put("statement", statement);
            m.put("metric", statement + "数量");
            m.put("comparator", ">=");
            m.put("value", value);
            m.putNull("value_max");
            m.put("unit", "所");
            m.putNull("baseline_year");
            m.putNull("facility_type");
            return this;
        }
    }
}
