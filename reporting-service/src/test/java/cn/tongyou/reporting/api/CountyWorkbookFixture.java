package cn.tongyou.reporting.api;

import cn.tongyou.reporting.domain.Compliance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A county the size of 荥阳市 (410182) for 2025 as of 2026-02-01, built in memory: 38 indicator targets (19 indicators
 * with a 2025 and a 2030 target), 91 milestones (the plan's task titles and milestone statements), 儿童之家 coverage
 * over 320 villages with 51 uncovered, 26 responsible units and the warnings such a view has. Texts have the lengths
 * of the real ones (the longest statement, 59 characters, included) because the print layout depends on them.
 */
final class CountyWorkbookFixture {

    static final String REGION = "410182";
    static final LocalDate AS_OF = LocalDate.parse("2026-02-01");

    private CountyWorkbookFixture() {
    }

    record M(String number, String domain, String title, String statement, List<String> units) {
    }

    record I(String code, String name, String domain, String unit, String t2025, String t2030, String baseline) {
    }

    static M m(String number, String domain, String title, String statement, String... units) {
        return new M(number, domain, title, statement, List.of(units));
    }

    /** One milestone per task of the 荥阳市 plan that has one (its first), as the catalogue states them. */
    static final List<M> MILESTONES = List.of(
            m("3", "社会政策友好", "城市规划建设体现儿童视角", "城市规划建设全面体现儿童友好", "市自然资源规划局"),
            m("4", "社会政策友好", "推动儿童全方位参与融入城市社会生活", "探索成立三级儿童议事会", "市妇儿工委办公室"),
            m("5", "社会政策友好", "用数字化手段创新儿童工作方式方法", "建成儿童友好城市建设基础数据专题库", "市妇儿工委办公室", "市大数据局"),
            m("6", "社会政策友好", "发动全社会力量共同致力儿童发展", "为儿童服务的社会组织、专业社会工作者、少先队校外辅导员、儿童福利主任和志愿者队伍数量每年逐步提高", "市妇儿工委办公室"),
            m("8", "公共服务友好", "大力发展普惠托育服务", "建成1个具有带动效应的示范托育服务机构", "市卫健委"),
            m("9", "公共服务友好", "促进基础教育均衡发展", "今年，全市建成儿童友好幼儿园 1 所", "市教育局"),
            m("10", "公共服务友好", "推进落实“双减”政策", "“双减”工作成效显著", "市教育局"),
            m("11", "公共服务友好", "加强出生缺陷综合防治", "对筛查出的高危孕妇免费进行产前诊断", "市卫健委"),
            m("12", "公共服务友好", "大力开展“苗儿棵棵壮”行动", "12岁儿童龋患率控制在25%以内", "市卫健委", "市教育局"),
            m("13", "公共服务友好", "完善儿童疫苗监管和接种服务体系", "适龄儿童免疫规划疫苗接种率以乡镇（街道）为单位保持在95%以上", "市卫健委"),
            m("14", "公共服务友好", "提升儿童心理健康水平", "确保小学各年级每学年不少于12课时", "市卫健委", "市教育局"),
            m("15", "公共服务友好", "扩大儿童优质医疗资源供给", "增加儿科执业（助理）医生和床位供给", "市卫健委"),
            m("16", "公共服务友好", "提升儿童科学素质", "累计开展科学教育、课外科普教育和科技创新活动不少于100场", "市教育局", "市科技局", "市科协"),
            m("17", "公共服务友好", "依托黄河文化，丰富儿童文化服务供给", "全市开展各类儿童文化活动81场", "市文广旅体局"),
            m("18", "公共服务友好", "加大儿童体育服务供给", "培训儿童体育健身服务人员70人", "市文广旅体局"),
            m("19", "权利保障友好", "完善儿童福利保障和救助制度体系", "全面完成儿童福利机构优化提质和创新转型工作", "市民政局"),
            m("20", "权利保障友好", "加强孤儿和事实无人抚养儿童保障", "孤儿和事实无人抚养儿童保障措施更加精准", "市民政局"),
            m("21", "权利保障友好", "推进残疾儿童康复服务", "基本实现有需求残疾儿童应救尽救", "市残联"),
            m("22", "权利保障友好", "加强困境儿童分类保障和农村留守儿童关爱保护", "全市开展关爱服务活动22场以上", "市民政局"),
            m("23", "成长空间友好", "推进城市公共空间适儿化改造", "全市公共空间和儿童密集场所卫生间、洗手池完成适儿化改造", "市自然资源规划局"),
            m("24", "成长空间友好", "改善儿童安全出行体验", "实现中小学、幼儿园、图书馆、公园、社区等儿童主要活动场所周边道路安全交通设施及管理系统全覆盖", "市自然资源规划局", "市住建局", "市交通局"),
            m("26", "成长空间友好", "加快推进儿童活动阵地建设", "建立儿童活动中心1个", "市妇联"),
            m("27", "成长空间友好", "推进儿童友好街区建设", "全市建成儿童友好街区1个", "市妇儿工委办公室"),
            m("28", "成长空间友好", "推进儿童友好社区建设", "建成儿童友好社区1个", "市妇儿工委办公室"),
            m("29", "成长空间友好", "推进“儿童之家”建设", "实现社区（村）“儿童之家”100%全覆盖", "市妇联"),
            m("30", "成长空间友好", "推进儿童友好图书馆建设", "全市建成儿童友好图书馆(含设置儿童专区的图书馆、图书馆分馆等)1个", "市文广旅体局"),
            m("31", "成长空间友好", "推进儿童友好校外教育实践活动基地建设", "全市建成儿童友好校外教育实践活动基地 1 个", "市妇儿工委办公室", "教育局"),
            m("32", "成长空间友好", "推进儿童友好自然生态教育基地建设", "全市建成儿童友好自然生态教育基地 1 个", "市妇儿工委办公室", "市生态环境局"),
            m("33", "成长空间友好", "推进儿童友好公园建设", "全市新建或改建儿童友好公园不少于 1 个", "市园林局"),
            m("34", "成长空间友好", "推进儿童友好体育公园建设", "全市建成儿童友好体育公园 1 个", "市园林局", "市文广旅体局"),
            m("35", "成长空间友好", "推进儿童友好体育场所建设", "全市新增 16 个儿童友好足球场", "市文广旅体局"),
            m("38", "发展环境友好", "构建学校家庭社会协同育人体系", "90%的城市社区和80%的农村社区（村）建立家长学校或家庭教育指导服务站点", "市妇联", "市教育局"),
            m("40", "发展环境友好", "建设家教家风示范基地", "全市建成家教家风示范基地5个", "市妇联"),
            m("41", "发展环境友好", "创作符合儿童特点的优秀文化产品", "形成一批有影响力的少年儿童优秀文化产品", "市委宣传部"),
            m("43", "发展环境友好", "推进“阅成长”儿童读书活动", "全市建成农学书屋1所", "市委宣传部"),
            m("44", "发展环境友好", "推进儿童安全环境创建", "儿童伤害死亡率较往年为基数有所下降", "市委政法委"),
            m("45", "发展环境友好", "持续净化网络环境，防止儿童沉迷网络", "网络环境净化成效明显", "市委网信办"),
            m("46", "发展环境友好", "持续推进“护校安园”专项行动", "平安校园率持续保持100%", "市教育局", "市公安局"),
            m("47", "发展环境友好", "强化儿童相关产品安全监管", "围绕儿童玩具、学生文具等重点产品,持续开展儿童用品质量安全守护行动,开展儿童用品产品质量监督抽查", "市市场监管局"),
            m("51", "发展环境友好", "防治儿童欺凌", "进一步摸排工作死角，织牢联动网络，健全长效机制", "市教育局", "市公安局"),
            m("54", "发展环境友好", "加强未成年人法治教育", "少年儿童法治教育实践基地实现100%全覆盖", "市司法局"),
            m("56", "发展环境友好", "创建儿童友好企事业单位", "全市创建儿童友好企事业单位3家", "市总工会")
    );

    static final List<I> INDICATORS = List.of(
            new I("neonatal-mortality-rate", "新生儿死亡率", "公共服务友好", "‰", "2.5", "2", "3.1"),
            new I("infant-mortality-rate", "婴儿死亡率", "公共服务友好", "‰", "4", "3.5", "4.6"),
            new I("under-5-mortality-rate", "5岁以下儿童死亡率", "公共服务友好", "‰", "5", "4.5", "6.2"),
            new I("dental-caries-rate-age-12", "12岁儿童龋患率", "公共服务友好", "%", "25", "22", "28.4"),
            new I("immunisation-coverage", "适龄儿童免疫规划疫苗接种率（以乡镇（街道）为单位）", "公共服务友好", "%", "95", "95", "96.2"),
            new I("childcare-places-per-1000", "每千人口拥有3岁以下婴幼儿托位数", "公共服务友好", "个", "4.5", "5.5", "2.1"),
            new I("child-friendly-school-count", "儿童友好学校数量", "公共服务友好", "所", "6", "10", "1"),
            new I("children-home-coverage", "儿童之家覆盖率", "成长空间友好", "%", "100", "100", "74.5"),
            new I("child-friendly-park-count", "儿童友好公园数量", "成长空间友好", "个", "1", "3", "0"),
            new I("child-football-pitch-new", "新增儿童友好足球场", "成长空间友好", "个", "16", "24", "0"),
            new I("child-friendly-community-count", "儿童友好社区数量", "成长空间友好", "个", "1", "5", "0"),
            new I("parent-school-coverage-urban", "城市社区家长学校或家庭教育指导服务站点覆盖率", "发展环境友好", "%", "90", "95", "62.5"),
            new I("parent-school-coverage-rural", "农村社区（村）家长学校或家庭教育指导服务站点覆盖率", "发展环境友好", "%", "80", "90", "41.25"),
            new I("child-injury-mortality-rate", "儿童伤害死亡率", "发展环境友好", "1/10万", "12", "10", "14.8"),
            new I("safe-campus-rate", "平安校园率", "发展环境友好", "%", "100", "100", "100"),
            new I("child-social-workers", "儿童专业社会工作者数量", "社会政策友好", "人", "50", "80", "12"),
            new I("children-council-coverage", "乡镇（街道）儿童议事会覆盖率", "社会政策友好", "%", "60", "100", "0"),
            new I("disabled-children-rehabilitation", "有需求残疾儿童康复服务覆盖率", "权利保障友好", "%", "85", "95", "78"),
            new I("orphan-allowance", "集中供养孤儿基本生活最低养育标准", "权利保障友好", "元/月", "1500", "1800", "1350"));

    static final List<String> UNITS = List.of("市发改委", "市妇儿工委办公室", "市自然资源规划局", "市大数据局", "市卫健委",
            "市教育局", "市科技局", "市科协", "市文广旅体局", "市民政局", "市残联", "市住建局", "市交通局", "市妇联", "市生态环境局",
            "市园林局", "市委宣传部", "市委政法委", "市委网信办", "市公安局", "市市场监管局", "市司法局", "市总工会", "团市委",
            "市应急局", "市消防救援支队");

    static Compliance county() {
        List<Compliance.TargetItem> targets = new ArrayList<>();
        List<Compliance.Warning> warnings = new ArrayList<>();
        Map<String, int[]> unitTally = new LinkedHashMap<>();
        UNITS.forEach(u -> unitTally.put(u, new int[3]));
        String[] nearStatuses = {"MET", "NOT_MET", "MET", "NO_DATA", "MET", "NEEDS_ASSESSMENT"};
        String[] farStatuses = {"ON_TRACK", "AT_RISK", "ON_TRACK", "ON_TRACK", "NO_DATA"};
        for (int i = 0; i < INDICATORS.size(); i++) {
            I ind = INDICATORS.get(i);
            List<String> units = List.of(UNITS.get((i * 3 + 4) % UNITS.size()), UNITS.get((i * 5 + 1) % UNITS.size()));
            for (int year : new int[]{2025, 2030}) {
                String status = year == 2025 ? nearStatuses[i % nearStatuses.length] : farStatuses[i % farStatuses.length];
                BigDecimal target = new BigDecimal(year == 2025 ? ind.t2025() : ind.t2030());
                BigDecimal baseline = new BigDecimal(ind.baseline());
                BigDecimal value = switch (status) {
                    case "NO_DATA", "NEEDS_ASSESSMENT" -> null;
                    case "NOT_MET", "AT_RISK" -> baseline.add(target.subtract(baseline).multiply(new BigDecimal("0.4")));
                    default -> target.add(baseline).divide(BigDecimal.valueOf(2)).max(target.min(baseline));
                };
                BigDecimal expected = year == 2030 && value != null
                        ? baseline.add(target.subtract(baseline).multiply(new BigDecimal("0.5"))) : null;
                String u = ind.unit();
                String explanation = switch (status) {
                    case "NO_DATA" -> "2025年尚无已核准的数值：无数据。";
                    case "NEEDS_ASSESSMENT" -> "定性目标，尚无评估结论：待评估。";
                    case "MET", "NOT_MET" -> "2025年 " + plain(value) + u + "，目标 " + plain(target) + u + "："
                            + (status.equals("MET") ? "已达标。" : "未达标。");
                    default -> "2025年 " + plain(value) + u + "；从2020年的 " + plain(baseline) + " 到" + year + "年目标 "
                            + plain(target) + u + " 的线性进度要求此时为 " + plain(expected) + "："
                            + (status.equals("ON_TRACK") ? "进展正常。" : "存在风险。");
                };
                String id = "t-" + ind.code() + "-" + year;
                targets.add(new Compliance.TargetItem(id, ind.code(), ind.name(), ind.domain(), u, REGION, year,
                        "threshold", year + "年达到" + plain(target) + u, status, null, value, value == null ? null : "2025",
                        baseline, "2020", target, expected, null, ind.code().endsWith("coverage"), explanation, units, 3 + i % 4));
                if (status.equals("NOT_MET") || status.equals("AT_RISK")) {
                    warnings.add(new Compliance.Warning(status.equals("AT_RISK") ? "target-at-risk" : "target-not-met", id,
                            ind.name() + "：" + explanation, units, List.of()));
                    units.forEach(n -> unitTally.get(n)[2]++);
                }
            }
        }
        List<Compliance.MilestoneItem> milestones = new ArrayList<>();
        for (int i = 0; i < 91; i++) {
            M m = MILESTONES.get(i % MILESTONES.size());
            String state;
            String status;
            LocalDate due;
            Long days = null;
            switch (i % 5) {
                case 0, 3 -> { state = "done"; status = "MET"; due = LocalDate.of(2023 + i % 3, 12, 31); }
                case 1 -> {
                    state = "overdue"; status = "NOT_MET"; due = LocalDate.of(2023 + i % 3, 12, 31);
                    days = ChronoUnit.DAYS.between(due, AS_OF);
                }
                case 2 -> { state = "open"; status = "ON_TRACK"; due = LocalDate.of(2026, 12, 31); }
                default -> { state = "due-soon"; status = "ON_TRACK"; due = LocalDate.of(2026, 2, 28); }
            }
            if (i % 23 == 22) {
                state = "cancelled";
                status = null;
            }
            String id = "m-" + i;
            String statement = i < MILESTONES.size() ? m.statement() : (2023 + i % 3) + "年：" + m.statement();
            milestones.add(new Compliance.MilestoneItem(id, "plan-410182", "task-" + m.number(), m.number(), m.title(),
                    m.domain(), REGION, due, state.equals("done") ? "done" : "open", state, days, status, statement,
                    m.units(), 1 + i % 3));
            if ("overdue".equals(state)) {
                warnings.add(new Compliance.Warning("overdue-milestone", id, "逾期 " + days + " 天：" + statement, m.units(), List.of()));
                m.units().forEach(n -> unitTally.computeIfAbsent(n, k -> new int[3])[0]++);
            }
        }
        for (int i = 0; i < 12; i++) {
            M m = MILESTONES.get(i * 3 % MILESTONES.size());
            String unit = m.units().get(0);
            warnings.add(new Compliance.Warning("report-missing", "task-" + m.number() + "|" + unit,
                    unit + " 未报送任务“" + m.title() + "”2025年下半年 调度报告", List.of(unit), List.of()));
            unitTally.computeIfAbsent(unit, k -> new int[3])[1]++;
        }
        List<Compliance.RegionRef> uncovered = new ArrayList<>();
        String[] names = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何"};
        String[] suffix = {"村", "庄村", "寨村", "沟村", "河社区", "岭村"};
        for (int i = 0; i < 51; i++) {
            uncovered.add(new Compliance.RegionRef("410182" + String.format("%03d%03d", 100 + i % 14, 200 + i),
                    names[i % names.length] + names[(i * 7 + 3) % names.length] + suffix[i % suffix.length]
                            + (i % 3 == 0 ? "村民委员会" : "")));
        }
        List<Compliance.FacilityItem> facilities = List.of(new Compliance.FacilityItem("children-home", "village", 320, 269,
                269 / 320.0, uncovered, List.of()));
        warnings.add(new Compliance.Warning("coverage-gap", "children-home", uncovered.size() + " 个村（社区）尚无达标开放的儿童之家",
                List.of(), uncovered));

        List<Compliance.UnitLine> units = new ArrayList<>();
        int u = 0;
        for (Map.Entry<String, int[]> e : unitTally.entrySet()) {
            units.add(new Compliance.UnitLine("unit-" + u++, e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
        }
        Map<String, Map<String, Integer>> byDomain = new LinkedHashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        for (Compliance.TargetItem t : targets) {
            byDomain.computeIfAbsent(t.domain(), k -> new LinkedHashMap<>()).merge(t.status(), 1, Integer::sum);
            all.merge(t.status(), 1, Integer::sum);
        }
        for (Compliance.MilestoneItem m : milestones) {
            if (m.status() != null) {
                byDomain.computeIfAbsent(m.domain(), k -> new LinkedHashMap<>()).merge(m.status(), 1, Integer::sum);
                all.merge(m.status(), 1, Integer::sum);
            }
        }
        List<Compliance.DomainTotals> domains = new ArrayList<>();
        byDomain.forEach((d, totals) -> domains.add(new Compliance.DomainTotals(d, totals, score(totals))));
        List<Compliance.ChildSummary> children = List.of(new Compliance.ChildSummary("410182001", "京城路街道", "township",
                Map.of("MET", 1), 100, 0, 0.9));
        return new Compliance("snap-410182-2025-0201", REGION, "荥阳市", "county", "2025", AS_OF,
                Instant.parse("2026-02-01T02:30:00Z"), new Compliance.Summary(all, score(all), domains), targets, milestones,
                facilities, units, warnings, children, Map.of());
    }

    static Integer score(Map<String, Integer> t) {
        int met = t.getOrDefault("MET", 0);
        int on = t.getOrDefault("ON_TRACK", 0);
        int risk = t.getOrDefault("AT_RISK", 0);
        int not = t.getOrDefault("NOT_MET", 0);
        int judged = met + on + risk + not;
        return judged == 0 ? null : (int) Math.round(100.0 * (met + on + risk / 2.0) / judged);
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.setScale(Math.min(2, Math.max(0, v.stripTrailingZeros().scale())), java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
