package cn.tongyou.indicator.api;

import java.util.List;
import java.util.Map;

/** Indicators the service tests create through the API, one per value type, in a test domain. */
final class TestIndicators {

    static final String DOMAIN = "测试领域";
    static final String PERCENT = "t-percent";
    static final String PER_MILLE = "t-per-mille";
    static final String RATE = "t-rate";
    static final String COUNT = "t-count";
    static final String BOOL = "t-bool";
    static final String TEXT = "t-text";
    static final String NUMBER = "t-number";

    private TestIndicators() {
    }

    static void ensure() {
        TestSupport.ensureDomain(DOMAIN);
        TestSupport.ensureIndicator(PERCENT, Map.of("name", "测试占比", "domain", DOMAIN, "unit", "%", "valueType", "percentage",
                "direction", "increase", "obtained", "reported"));
        TestSupport.ensureIndicator(PER_MILLE, Map.of("name", "测试千分率", "domain", DOMAIN, "unit", "‰", "valueType", "per-mille",
                "direction", "decrease", "obtained", "reported", "periodTypes", List.of("year")));
        TestSupport.ensureIndicator(RATE, Map.of("name", "测试覆盖率", "domain", DOMAIN, "unit", "%", "valueType", "percentage",
                "direction", "increase", "obtained", "computed", "computation", Map.of("scale", 100, "numeratorLabel", "覆盖数", "denominatorLabel", "总数")));
        TestSupport.ensureIndicator(COUNT, Map.of("name", "测试人数", "domain", DOMAIN, "unit", "人", "valueType", "count",
                "direction", "increase", "obtained", "reported"));
        TestSupport.ensureIndicator(BOOL, Map.of("name", "测试是否建立", "domain", DOMAIN, "unit", "是/否", "valueType", "boolean",
                "obtained", "reported"));
        TestSupport.ensureIndicator(TEXT, Map.of("name", "测试定性目标", "domain", DOMAIN, "valueType", "text", "obtained", "reported"));
        TestSupport.ensureIndicator(NUMBER, Map.of("name", "测试每千人托位数", "domain", DOMAIN, "unit", "个", "valueType", "number",
                "direction", "increase", "obtained", "reported"));
    }
}
