package cn.tongyou.task.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A plan in the shared catalogue format ({@code ../shared/catalog/SCHEMA.md}): one file per source document, field
 * names in snake_case as the catalogue writes them. The sections that belong to other services (indicators,
 * facility targets, key projects, policies, monitoring, baseline facts) are accepted as they are; only the units
 * they name are registered here, so that a plan whose tasks name no units (梅州) still brings its departments.
 */
@Schema(name = "CatalogPlan", description = "A plan as the shared catalogue writes it (../shared/catalog/SCHEMA.md)")
public record CatalogPlan(
        @Schema(description = "source document reference: the identity of the plan in re-imports", example = "004_e27ac6b0ffb70618.txt")
        String source,
        @Schema(description = "title as in the document", example = "东昌府区儿童友好城区建设方案", required = true)
        String document,
        @JsonProperty("document_kind")
        @Schema(description = "construction-plan, pilot-outcome-list, development-plan …", example = "construction-plan")
        String documentKind,
        @Schema(required = true) CatalogRegion region,
        @Schema(description = "date of issue", example = "2023-08-29") LocalDate issued,
        @JsonProperty("issuer_ref") @Schema(description = "document number (文号)", example = "东昌政字〔2023〕8号") String issuerRef,
        @JsonProperty("horizon_years") @Schema(example = "[2025, 2035]") List<Integer> horizonYears,
        @Schema(description = "the domains (领域) as the document names them") List<String> domains,
        List<CatalogTask> tasks,
        @Schema(type = SchemaType.ARRAY, description = "owned by indicator-service; only responsible_units are read here") JsonNode indicators,
        @JsonProperty("facility_targets") @Schema(type = SchemaType.ARRAY, description = "read by the reporting service; ignored here") JsonNode facilityTargets,
        @JsonProperty("key_projects") @Schema(type = SchemaType.ARRAY, description = "only responsible_units are read here") JsonNode keyProjects,
        @Schema(type = SchemaType.ARRAY, description = "only responsible_units are read here") JsonNode policies,
        @Schema(type = SchemaType.ARRAY, description = "monitoring duties; ignored here") JsonNode monitoring,
        @JsonProperty("baseline_facts") @Schema(type = SchemaType.ARRAY, description = "ignored here") JsonNode baselineFacts) {

    /** The region the document is for. */
    @Schema(name = "CatalogRegion")
    public record CatalogRegion(
            @Schema(example = "东昌府区") String name,
            @Schema(example = "district") String level,
            @Schema(example = "聊城市") String parent,
            @Schema(example = "山东省") String province,
            @JsonProperty("division_code") @Schema(description = "GB/T 2260 code (6 digits) or a 12-digit statistical code", example = "371502")
            String divisionCode) {
    }

    /** A task (建设任务). */
    @Schema(name = "CatalogTask")
    public record CatalogTask(
            @Schema(example = "5", required = true) String number,
            @Schema(example = "公共服务友好", required = true) String domain,
            @Schema(example = "（二）完善优质均衡的儿童友好服务体系") String section,
            @Schema(example = "优化儿童卫生资源配置", required = true) String title,
            String summary,
            @JsonProperty("lead_units") @Schema(example = "[\"区卫健局\"]") List<String> leadUnits,
            @JsonProperty("participating_units") @Schema(example = "[\"区财政局\", \"各镇(街道)\"]") List<String> participatingUnits,
            List<CatalogMilestone> milestones,
            @Schema(description = "how an ambiguity was read; ignored") String note,
            @JsonProperty("key_project_number") @Schema(description = "ignored") String keyProjectNumber) {
    }

    /** A milestone: a dated or quantified deliverable of the task. */
    @Schema(name = "CatalogMilestone")
    public record CatalogMilestone(
            @Schema(description = "due date; null when undated", example = "2025-12-31") LocalDate by,
            @Schema(example = "建成儿童友好学校20所", required = true) String statement,
            @Schema(example = "儿童友好学校数量") String metric,
            @Schema(example = ">=", required = true) String comparator,
            @Schema(type = SchemaType.NUMBER, description = "a number, true/false (comparator bool) or null", example = "20") JsonNode value,
            @JsonProperty("value_max") BigDecimal valueMax,
            @Schema(example = "所") String unit,
            @JsonProperty("baseline_year") Integer baselineYear,
            @JsonProperty("facility_type") @Schema(example = "child-friendly-school") String facilityType,
            String note,
            @JsonProperty("relative_to") @Schema(type = SchemaType.OBJECT, description = "ignored") JsonNode relativeTo) {
    }
}
